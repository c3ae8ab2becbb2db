package org.supportrag.contracts.retrieval.v1;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Ranked chunks, best first.
 *
 * @param standaloneQuery the query actually searched when the history rewrote the question; null otherwise
 * @param contextTokens tokens of the returned chunk texts after compression (full mode; 0 in other modes)
 * @param tokensSaved tokens that context compression removed from the returned chunks (0 when it did not run)
 */
public record SearchResponse(String knowledgeBase, List<SearchHit> results, @Nullable String standaloneQuery,
        int contextTokens, int tokensSaved) {

    public SearchResponse(String knowledgeBase, List<SearchHit> results) {
        this(knowledgeBase, results, null, 0, 0);
    }
}
