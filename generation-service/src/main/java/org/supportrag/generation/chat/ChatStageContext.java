package org.supportrag.generation.chat;

import lombok.RequiredArgsConstructor;
import io.micrometer.observation.Observation;

/**
 * One stage of a chat turn (input_guard, retrieve, cache, augment, generate, validate, conclude, record): which stage
 * ran and how it ended. Holds no customer text.
 */
@RequiredArgsConstructor
final class ChatStageContext extends Observation.Context {

    private final String stage;
    private String outcome = "success";
    private int items;

    public String stage() {
        return stage;
    }

    /** A bounded value: {@code success}, or e.g. {@code escalate}, {@code refuse}, {@code hit}, {@code unsupported}. */
    public String outcome() {
        return outcome;
    }

    /** How many items the stage produced (chunks, claims, flags): a span attribute, not a metric tag. */
    public int items() {
        return items;
    }

    ChatStageContext outcome(String outcome) {
        this.outcome = outcome;
        return this;
    }

    ChatStageContext items(int items) {
        this.items = items;
        return this;
    }
}
