package org.supportrag.generation.interactionlog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.conversation.Citation;

/**
 * One answered turn as it goes into the log (before redaction).
 *
 * @param promptVersion the prompt templates used (serialized as JSON), null when none
 * @param attempts the model chain's attempts in order, e.g. {@code primary:bulkhead_full}, {@code small:ok}; empty
 *                 when no model was asked (a cache hit)
 * @param latencyMillis per stage, e.g. {@code retrievalMs}, {@code firstTokenMs}, {@code generationMs},
 *                      {@code totalMs}
 * @param claims the answer's sentences checked for groundedness; null when none were checked (e.g. a cache hit)
 * @param unsupportedClaims how many of them the cited chunks do not support; null like {@code claims}
 */
public record Interaction(String tenantId, UUID conversationId, UUID messageId, String question,
        List<SearchHit> retrieved, @Nullable Object promptVersion, String model, List<String> attempts,
        String answer, List<Citation> citations, double confidence, List<String> flags, boolean escalated,
        Map<String, Long> latencyMillis, BigDecimal costUsd, @Nullable String traceId, @Nullable Integer claims,
        @Nullable Integer unsupportedClaims) {

    /** A turn whose answer was not checked for groundedness. */
    public Interaction(String tenantId, UUID conversationId, UUID messageId, String question,
            List<SearchHit> retrieved, @Nullable Object promptVersion, String model, List<String> attempts,
            String answer, List<Citation> citations, double confidence, List<String> flags, boolean escalated,
            Map<String, Long> latencyMillis, BigDecimal costUsd, @Nullable String traceId) {
        this(tenantId, conversationId, messageId, question, retrieved, promptVersion, model, attempts, answer,
                citations, confidence, flags, escalated, latencyMillis, costUsd, traceId, null, null);
    }

    /** Unsupported claims over claims; null when the answer was not checked or holds no claim. */
    public @Nullable Double unsupportedClaimRate() {
        return claims == null || unsupportedClaims == null || claims == 0 ? null
                : (double) unsupportedClaims / claims;
    }
}
