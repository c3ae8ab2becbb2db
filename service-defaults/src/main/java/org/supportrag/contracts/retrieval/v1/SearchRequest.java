package org.supportrag.contracts.retrieval.v1;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A search within the caller's tenant (taken from the internal token, never from the body).
 *
 * @param query the customer's question
 * @param knowledgeBase the knowledge base to search, {@code default} when absent
 * @param topK how many chunks to return
 * @param mode one of {@link SearchMode}'s wire values; absent: the retrieval service's configured default
 */
public record SearchRequest(@NotBlank @Size(max = 4000) String query, @Nullable @Size(max = 100) String knowledgeBase,
        @Nullable @Min(1) @Max(100) Integer topK,
        @Nullable @Pattern(regexp = SearchMode.PATTERN, message = "must be one of lexical, dense, hybrid") String mode) {

    /** A search in the service's default mode. */
    public SearchRequest(String query, @Nullable String knowledgeBase, @Nullable Integer topK) {
        this(query, knowledgeBase, topK, null);
    }

    public String knowledgeBaseOrDefault() {
        return knowledgeBase == null || knowledgeBase.isBlank() ? RetrievalApi.DEFAULT_KNOWLEDGE_BASE : knowledgeBase;
    }

    public int topKOrDefault() {
        return topK == null ? 5 : topK;
    }
}
