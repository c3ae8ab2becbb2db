package org.supportrag.generation.chat;

import java.util.List;
import java.util.UUID;

import org.supportrag.generation.conversation.Citation;

/** The JSON shapes of the public chat API: SSE event data and the JSON answer. */
final class ChatPayloads {

    private ChatPayloads() {
    }

    /** Event {@code meta}, always first. */
    record Meta(UUID conversationId, UUID messageId, String traceId) {
    }

    /** Event {@code token}: the next piece of the answer text. */
    record Token(String text) {
    }

    /** Event {@code done}, always last unless an {@code error} ends the stream. */
    record Done(double confidence, boolean escalated, List<String> flags, String model, Usage usage) {
    }

    record Usage(int promptTokens, int completionTokens, double costUsd) {
    }

    /** The whole answer, for {@code Accept: application/json}. */
    record Answer(UUID conversationId, UUID messageId, String traceId, String answer, List<Citation> citations,
            double confidence, boolean escalated, List<String> flags, String model, Usage usage) {
    }
}
