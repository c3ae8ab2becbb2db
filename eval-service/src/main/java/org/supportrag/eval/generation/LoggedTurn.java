package org.supportrag.eval.generation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One turn of generation's interaction log as eval reads it. The question is customer text: never log it.
 *
 * @param topScore the best retrieval score of the turn, null when nothing was retrieved
 * @param promptArm the conversation's prompt A/B arm ({@code production}, {@code canary}), null when none
 */
public record LoggedTurn(UUID messageId, UUID conversationId, @Nullable String knowledgeBase, Instant createdAt,
        String question, String answer, @Nullable Double confidence, @Nullable Double topScore, boolean escalated,
        @Nullable List<String> escalationReasons, boolean declined, @Nullable List<String> flags,
        @Nullable String promptArm, @Nullable String model, double costUsd,
        @Nullable List<Map<String, Object>> citations) {

    public List<String> flagList() {
        return flags == null ? List.of() : flags;
    }

    public List<Map<String, Object>> citationList() {
        return citations == null ? List.of() : citations;
    }

    /** Turns flagged with an unsupported claim by generation's checks, when it raises such a flag. */
    public boolean unsupportedClaim() {
        return flagList().stream().anyMatch(flag -> flag.startsWith("unsupported"));
    }
}
