package org.supportrag.eval.answers;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the assistant did on a case's last turn, as the chat API reported it.
 *
 * @param confidence null when the turn ended without one (an error)
 * @param latencyMs  wall time of the last turn, request to end of answer
 * @param costUsd    cost of every turn of the case
 * @param error      why the turn failed (a problem's title), null when it did not
 */
public record Observation(String answer, List<AnswerCitation> citations, @Nullable Double confidence,
        boolean escalated, List<String> flags, double latencyMs, long promptTokens, long completionTokens,
        double costUsd, @Nullable String model, @Nullable String error) {

    public Observation {
        citations = List.copyOf(citations);
        flags = List.copyOf(flags);
    }

    /** A turn that failed before it answered. */
    public static Observation failed(String error, double latencyMs) {
        return new Observation("", List.of(), null, false, List.of(), latencyMs, 0, 0, 0, null, error);
    }
}
