package org.supportrag.generation.chat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.conversation.Citation;
import org.supportrag.generation.prompt.ResolvedPrompts;

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

    /**
     * Event {@code done}, always last unless an {@code error} ends the stream.
     *
     * @param evaluation only on an admin's evaluation call: what the turn was answered with
     */
    record Done(double confidence, boolean escalated, List<String> flags, String model, Usage usage,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Evaluation evaluation) {

        Done(double confidence, boolean escalated, List<String> flags, String model, Usage usage) {
            this(confidence, escalated, flags, model, usage, null);
        }
    }

    /**
     * What an evaluation call's turn used, so a run can score retrieval and tie its answers to prompt versions.
     *
     * @param promptVersions the templates the answer was written with (empty offline)
     * @param retrieved      the chunks the answer could cite, best first
     */
    record Evaluation(List<ResolvedPrompts.PromptUse> promptVersions, List<Retrieved> retrieved) {

        static Evaluation of(@Nullable ResolvedPrompts prompts, List<SearchHit> hits) {
            return new Evaluation(prompts == null ? List.of() : prompts.uses(), hits.stream()
                .map(hit -> new Retrieved(hit.chunkId(), hit.documentId(), hit.title(), hit.sourceUri(), hit.score()))
                .toList());
        }
    }

    /** One retrieved chunk; {@code url} is its document's source, as citations name it. */
    record Retrieved(UUID chunkId, UUID documentId, String title, @Nullable String url, double score) {
    }

    record Usage(int promptTokens, int completionTokens, double costUsd) {
    }

    /** The whole answer, for {@code Accept: application/json}. */
    record Answer(UUID conversationId, UUID messageId, String traceId, String answer, List<Citation> citations,
            double confidence, boolean escalated, List<String> flags, String model, Usage usage,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Evaluation evaluation) {
    }
}
