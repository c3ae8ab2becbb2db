package org.supportrag.ingestion.chunking;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chunk sizes, counted in the embedding model's tokens.
 *
 * @param maxTokens upper bound for a chunk's text (the section path prepended for embedding comes on top)
 * @param overlapTokens context repeated at the start of the next chunk when a section is split
 * @param minTokens sections smaller than this may be merged with an adjacent one of the same parent
 */
public record ChunkingSettings(@DefaultValue("300") int maxTokens, @DefaultValue("40") int overlapTokens,
        @DefaultValue("40") int minTokens) {

    public ChunkingSettings {
        if (maxTokens < 16) {
            throw new IllegalArgumentException("rag.ingestion.chunking.max-tokens must be at least 16, was " + maxTokens);
        }
        // Overlap above half a chunk would make consecutive chunks mostly the same text.
        if (overlapTokens < 0 || overlapTokens > maxTokens / 2) {
            throw new IllegalArgumentException("rag.ingestion.chunking.overlap-tokens must be between 0 and "
                    + maxTokens / 2 + ", was " + overlapTokens);
        }
        if (minTokens < 0 || minTokens >= maxTokens) {
            throw new IllegalArgumentException("rag.ingestion.chunking.min-tokens must be between 0 and max-tokens, was "
                    + minTokens);
        }
    }

    public static ChunkingSettings defaults() {
        return new ChunkingSettings(300, 40, 40);
    }

    /** Identifies these settings, so documents chunked differently are re-indexed on the next upload. */
    public String fingerprint() {
        return "max=" + maxTokens + ",overlap=" + overlapTokens + ",min=" + minTokens;
    }
}
