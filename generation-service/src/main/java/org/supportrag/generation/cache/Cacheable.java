package org.supportrag.generation.cache;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.supportrag.generation.conversation.Citation;

/**
 * A finished answer offered to the cache, with what writing it cost.
 *
 * @param question the (redacted) question it answers
 * @param answer the text as the customer saw it
 * @param model what wrote it, as shown in {@code done.model}
 * @param modelName the configured model ({@code primary}, ...), null offline
 */
public record Cacheable(String question, String answer, List<Citation> citations, double confidence, String model,
        @Nullable String modelName, int promptTokens, int completionTokens, double costUsd) {

    public Cacheable {
        citations = List.copyOf(citations);
    }
}
