package org.supportrag.contracts.retrieval.v1;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Ranked chunks, best first.
 *
 * @param standaloneQuery the query actually searched when the history rewrote the question; null otherwise
 * @param contextTokens tokens of the returned chunk texts after compression (full mode; 0 in other modes)
 * @param tokensSaved tokens that context compression removed from the returned chunks (0 when it did not run)
 * @param queryTerms the searched query's words and whether the knowledge base contains each; null when the
 *                   retrieval service did not say (older versions)
 */
public record SearchResponse(String knowledgeBase, List<SearchHit> results, @Nullable String standaloneQuery,
        int contextTokens, int tokensSaved, @Nullable List<QueryTerm> queryTerms) {

    public SearchResponse(String knowledgeBase, List<SearchHit> results, @Nullable String standaloneQuery,
            int contextTokens, int tokensSaved) {
        this(knowledgeBase, results, standaloneQuery, contextTokens, tokensSaved, null);
    }

    public SearchResponse(String knowledgeBase, List<SearchHit> results) {
        this(knowledgeBase, results, null, 0, 0);
    }
}
