package org.supportrag.eval.candidate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A candidate dataset item.
 *
 * @param source {@code label} or {@code feedback}
 * @param signal {@code correct}, {@code incorrect}, {@code missing_knowledge} or {@code thumbs_down}
 * @param turns the customer's messages up to the answer, oldest first
 * @param reference the corrected answer (a correct label: the answer itself)
 * @param citedDocuments {@code documentId}, {@code title}, {@code url} of what the answer cited
 * @param status {@code pending}, {@code accepted} or {@code rejected}
 */
record Candidate(UUID id, String source, String signal, UUID conversationId, UUID messageId,
        @Nullable String knowledgeBase, List<String> turns, @Nullable String answer, @Nullable String reference,
        List<Map<String, Object>> citedDocuments, @Nullable String comment, String signalledBy, String status,
        @Nullable String dataset, @Nullable Integer datasetVersion, @Nullable String decidedBy,
        @Nullable Instant decidedAt, @Nullable String reason, Instant createdAt) {

    static final String PENDING = "pending";
    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";
}
