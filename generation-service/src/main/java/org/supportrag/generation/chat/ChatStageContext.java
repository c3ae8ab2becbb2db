package org.supportrag.generation.chat;

import org.supportrag.defaults.telemetry.StageContext;

/**
 * One stage of a chat turn (input_guard, retrieve, cache, augment, generate, validate, conclude, record): which stage
 * ran and how it ended ({@code success}, or e.g. {@code escalate}, {@code refuse}, {@code hit}, {@code unsupported}).
 * Holds no customer text.
 */
final class ChatStageContext extends StageContext<ChatStageContext> {

    private int items;

    ChatStageContext(String stage) {
        super(stage);
    }

    /** How many items the stage produced (chunks, claims, flags): a span attribute, not a metric tag. */
    public int items() {
        return items;
    }

    ChatStageContext items(int items) {
        this.items = items;
        return this;
    }
}
