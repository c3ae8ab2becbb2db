package org.supportrag.contracts.retrieval.v1;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One retrieved chunk.
 *
 * @param score similarity in [0, 1] for dense search (higher is better); comparable within one response only
 * @param kind the document's kind as ingestion recorded it ({@code markdown}, {@code ticket}, ...); null from
 *        older services
 */
public record SearchHit(UUID chunkId, UUID documentId, String title, @Nullable String sourceUri,
        @Nullable String sectionPath, String text, double score, int rank, @Nullable String kind) {

    /** The document kind of support tickets (ingestion's ticket exports). */
    public static final String TICKET = "ticket";

    /** A hit of unknown kind. */
    public SearchHit(UUID chunkId, UUID documentId, String title, @Nullable String sourceUri,
            @Nullable String sectionPath, String text, double score, int rank) {
        this(chunkId, documentId, title, sourceUri, sectionPath, text, score, rank, null);
    }

    /** The same chunk with another text, score and rank. */
    public SearchHit with(String newText, double newScore, int newRank) {
        return new SearchHit(chunkId, documentId, title, sourceUri, sectionPath, newText, newScore, newRank, kind);
    }

    /** Whether the chunk comes from a support ticket rather than documentation. */
    public boolean ticket() {
        return TICKET.equals(kind);
    }
}
