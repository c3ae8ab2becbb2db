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
 * @param retrieved  the chunks retrieval found for the last turn (title and url name their source); null when
 *                   unknown (only evaluation calls get them from the chat API)
 */
public record Observation(String answer, List<AnswerCitation> citations, @Nullable Double confidence,
        boolean escalated, List<String> flags, double latencyMs, long promptTokens, long completionTokens,
        double costUsd, @Nullable String model, @Nullable String error, @Nullable List<AnswerCitation> retrieved) {

    public Observation {
        citations = List.copyOf(citations);
        flags = List.copyOf(flags);
        retrieved = retrieved == null ? null : List.copyOf(retrieved);
    }

    /** An observation without the retrieved chunks. */
    public Observation(String answer, List<AnswerCitation> citations, @Nullable Double confidence,
            boolean escalated, List<String> flags, double latencyMs, long promptTokens, long completionTokens,
            double costUsd, @Nullable String model, @Nullable String error) {
        this(answer, citations, confidence, escalated, flags, latencyMs, promptTokens, completionTokens, costUsd,
                model, error, null);
    }

    /** A turn that failed before it answered. */
    public static Observation failed(String error, double latencyMs) {
        return new Observation("", List.of(), null, false, List.of(), latencyMs, 0, 0, 0, null, error);
    }
}
