package org.supportrag.ragctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.AnswerCitation;
import org.supportrag.eval.answers.Observation;
import org.supportrag.eval.answers.TurnTotals;

/**
 * Asks one case through the chat API as the widget does: a new conversation, the case's turns in order, each as a
 * streamed chat request. The last turn is what is observed; tokens and cost add up over every turn.
 */
final class CaseRunner {

    private final GatewayClient client;
    private final String widgetKey;
    private final @Nullable String knowledgeBase;

    CaseRunner(GatewayClient client, String widgetKey, @Nullable String knowledgeBase) {
        this.client = client;
        this.widgetKey = widgetKey;
        this.knowledgeBase = knowledgeBase;
    }

    Observation run(AnswerCase testCase) {
        String kb = testCase.knowledgeBase() != null ? testCase.knowledgeBase() : knowledgeBase;
        String conversation = null;
        TurnTotals totals = new TurnTotals();
        Turn last = null;
        for (String message : testCase.turns()) {
            long started = System.nanoTime();
            Turn turn = new Turn();
            try {
                client.chat(widgetKey, message, conversation, kb, turn::accept);
            }
            catch (GatewayException ex) {
                return Observation.failed(ex.getMessage(), (System.nanoTime() - started) / 1e6);
            }
            turn.latencyMs = (System.nanoTime() - started) / 1e6;
            if (turn.error != null) {
                return Observation.failed(turn.error, turn.latencyMs);
            }
            if (turn.done == null) {
                return Observation.failed("the answer stream ended without a 'done' event", turn.latencyMs);
            }
            conversation = turn.conversationId != null ? turn.conversationId : conversation;
            totals.add(turn.done);
            last = turn;
        }
        // Every case has a turn, and a turn without its done event returned above.
        JsonNode done = Objects.requireNonNull(Objects.requireNonNull(last).done);
        return totals.observation(done, last.answer.toString(), last.citations, last.latencyMs, null);
    }

    /** The events of one streamed turn. */
    private static final class Turn {

        final StringBuilder answer = new StringBuilder();
        final List<AnswerCitation> citations = new ArrayList<>();
        @Nullable String conversationId;
        @Nullable JsonNode done;
        @Nullable String error;
        double latencyMs;

        void accept(String event, JsonNode data) {
            switch (event) {
                case "meta" -> conversationId = text(data, "conversationId");
                case "token" -> answer.append(data.path("text").asString(""));
                case "citation" -> citations.add(new AnswerCitation(data.path("index").asInt(0),
                        text(data, "chunkId"), text(data, "documentId"), data.path("title").asString(""),
                        text(data, "url"), data.path("snippet").asString("")));
                case "done" -> done = data;
                case "error" -> error = data.path("title").asString("error")
                        + (data.path("detail").isString() ? ": " + data.path("detail").asString() : "");
                default -> {
                    // Events added later do not change the score.
                }
            }
        }

        private static @Nullable String text(JsonNode data, String field) {
            JsonNode value = data.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }
}
