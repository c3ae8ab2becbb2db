package org.supportrag.eval.answers;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A case's turns as the chat API reports them, read the same way by every client: the JSON answer and the stream's
 * {@code done} event share the fields read here ({@code usage}, {@code confidence}, {@code escalated}, {@code flags},
 * {@code model}). Tokens and cost are summed over every turn; the rest comes from the last.
 */
public final class TurnTotals {

    private long promptTokens;
    private long completionTokens;
    private double costUsd;

    /** Adds one turn's {@code usage}. */
    public void add(JsonNode answer) {
        JsonNode usage = answer.path("usage");
        promptTokens += usage.path("promptTokens").asLong(0);
        completionTokens += usage.path("completionTokens").asLong(0);
        costUsd += usage.path("costUsd").asDouble(0);
    }

    /**
     * @param last       the last turn's JSON answer or {@code done} event
     * @param answer     the last turn's text
     * @param latencyMs  wall time of the last turn
     * @param retrieved  the chunks retrieval found for the last turn, null when unknown
     */
    public Observation observation(JsonNode last, String answer, List<AnswerCitation> citations, double latencyMs,
            @Nullable List<AnswerCitation> retrieved) {
        List<String> flags = new ArrayList<>();
        last.path("flags").forEach(flag -> flags.add(flag.asString()));
        JsonNode confidence = last.get("confidence");
        return new Observation(answer, citations,
                confidence == null || !confidence.isNumber() ? null : confidence.asDouble(),
                last.path("escalated").asBoolean(false), flags, latencyMs, promptTokens, completionTokens, costUsd,
                last.path("model").isString() ? last.path("model").asString() : null, null, retrieved);
    }
}
