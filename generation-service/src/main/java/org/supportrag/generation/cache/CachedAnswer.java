package org.supportrag.generation.cache;

import java.util.List;
import java.util.UUID;

import org.supportrag.generation.conversation.Citation;

/**
 * A reusable answer.
 *
 * @param exact whether the question matched word for word (after normalization) rather than by meaning
 * @param similarity cosine similarity of the two questions (1 for exact hits)
 * @param costUsd what writing it cost, i.e. what this hit saved
 */
public record CachedAnswer(UUID id, String text, List<Citation> citations, double confidence, String model,
        double costUsd, boolean exact, double similarity) {

    public CachedAnswer {
        citations = List.copyOf(citations);
    }
}
