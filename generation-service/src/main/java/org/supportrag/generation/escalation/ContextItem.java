package org.supportrag.generation.escalation;

import java.util.List;
import java.util.UUID;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.conversation.Citation;

/** A retrieved chunk an answer was grounded on, as shown to staff. */
public record ContextItem(UUID chunkId, UUID documentId, String title, double score, String snippet) {

    public static ContextItem of(SearchHit hit) {
        return new ContextItem(hit.chunkId(), hit.documentId(), hit.title(), hit.score(),
                Citation.of(1, hit).snippet());
    }

    public static List<ContextItem> of(List<SearchHit> hits) {
        return hits.stream().map(ContextItem::of).toList();
    }
}
