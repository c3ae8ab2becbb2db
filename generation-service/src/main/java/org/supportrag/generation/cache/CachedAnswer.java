package org.supportrag.generation.cache;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.supportrag.generation.conversation.Citation;

/**
 * A reusable answer.
 *
 * @param modelName the configured model that wrote it ({@code primary}, ...), null offline
 * @param promptTokens, completionTokens what writing it took: what a hit saves
 * @param costUsd what writing it cost
 * @param exact whether the question matched word for word (after normalization) rather than by meaning
 * @param similarity cosine similarity of the two questions (1 for exact hits)
 */
public record CachedAnswer(UUID id, String text, List<Citation> citations, double confidence, String model,
        @Nullable String modelName, int promptTokens, int completionTokens, double costUsd, boolean exact,
        double similarity) {

    public CachedAnswer {
        citations = List.copyOf(citations);
    }
}
