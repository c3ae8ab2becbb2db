package org.supportrag.retrieval.fusion;

/**
 * An item with its score in one ranking (input) or its fused score (output); higher is better.
 *
 * @param <T> the ranked item
 */
public record Scored<T>(T item, double score) {
}
