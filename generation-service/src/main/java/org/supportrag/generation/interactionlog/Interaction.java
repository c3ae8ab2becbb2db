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
 * @param groundedness share of the answer its cited chunks support (0..1), null when not assessed (metrics only)
 * @param unsupportedClaims claims of the answer no cited chunk supports, null when not checked (metrics only)
 */
public record Interaction(String tenantId, UUID conversationId, UUID messageId, String question,
        List<SearchHit> retrieved, @Nullable Object promptVersion, String model, List<String> attempts,
        String answer, List<Citation> citations, double confidence, List<String> flags, boolean escalated,
        Map<String, Long> latencyMillis, BigDecimal costUsd, @Nullable String traceId, @Nullable Double groundedness,
        @Nullable Integer unsupportedClaims) {

    /** A turn without groundedness and claim checks. */
    public Interaction(String tenantId, UUID conversationId, UUID messageId, String question,
            List<SearchHit> retrieved, @Nullable Object promptVersion, String model, List<String> attempts,
            String answer, List<Citation> citations, double confidence, List<String> flags, boolean escalated,
            Map<String, Long> latencyMillis, BigDecimal costUsd, @Nullable String traceId) {
        this(tenantId, conversationId, messageId, question, retrieved, promptVersion, model, attempts, answer,
                citations, confidence, flags, escalated, latencyMillis, costUsd, traceId, null, null);
    }
}
