package org.supportrag.contracts.retrieval.v1;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One retrieved chunk.
 *
 * @param score similarity in [0, 1] for dense search (higher is better); comparable within one response only
 */
public record SearchHit(UUID chunkId, UUID documentId, String title, @Nullable String sourceUri,
        @Nullable String sectionPath, String text, double score, int rank) {
}
