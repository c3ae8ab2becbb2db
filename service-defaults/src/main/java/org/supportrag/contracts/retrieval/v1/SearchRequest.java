package org.supportrag.contracts.retrieval.v1;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A search within the caller's tenant (taken from the internal token, never from the body).
 *
 * @param query the customer's question
 * @param knowledgeBase the knowledge base to search, {@code default} when absent
 * @param topK how many chunks to return
 */
public record SearchRequest(@NotBlank @Size(max = 4000) String query, @Nullable @Size(max = 100) String knowledgeBase,
        @Nullable @Min(1) @Max(100) Integer topK) {

    public String knowledgeBaseOrDefault() {
        return knowledgeBase == null || knowledgeBase.isBlank() ? RetrievalApi.DEFAULT_KNOWLEDGE_BASE : knowledgeBase;
    }

    public int topKOrDefault() {
        return topK == null ? 5 : topK;
    }
}
