package org.supportrag.contracts.retrieval.v1;

import java.util.List;

/** Ranked chunks, best first. */
public record SearchResponse(String knowledgeBase, List<SearchHit> results) {
}
