package org.supportrag.contracts.retrieval.v1;

import java.util.List;

import jakarta.validation.Valid;
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
 *        ({@code full} unless configured otherwise)
 * @param filters conditions on the chunks' documents; absent: none
 * @param history earlier turns of the conversation, oldest first; a follow-up question is rewritten into a standalone
 *        query with them (modes {@code full}; other modes search the question as given)
 */
public record SearchRequest(@NotBlank @Size(max = 4000) String query, @Nullable @Size(max = 100) String knowledgeBase,
        @Nullable @Min(1) @Max(100) Integer topK,
        @Nullable @Pattern(regexp = SearchMode.PATTERN, message = "must be one of " + SearchMode.VALUES) String mode,
        @Nullable @Valid SearchFilters filters, @Nullable @Size(max = 50) List<@Valid ConversationTurn> history) {

    /** A search in the service's default mode. */
    public SearchRequest(String query, @Nullable String knowledgeBase, @Nullable Integer topK) {
        this(query, knowledgeBase, topK, null);
    }

    /** A search without filters or history. */
    public SearchRequest(String query, @Nullable String knowledgeBase, @Nullable Integer topK, @Nullable String mode) {
        this(query, knowledgeBase, topK, mode, null, null);
    }

    public String knowledgeBaseOrDefault() {
        return knowledgeBase == null || knowledgeBase.isBlank() ? RetrievalApi.DEFAULT_KNOWLEDGE_BASE : knowledgeBase;
    }

    public int topKOrDefault() {
        return topK == null ? 5 : topK;
    }

    public SearchFilters filtersOrNone() {
        return filters == null ? SearchFilters.NONE : filters;
    }

    public List<ConversationTurn> historyOrEmpty() {
        return history == null ? List.of() : history;
    }
}
