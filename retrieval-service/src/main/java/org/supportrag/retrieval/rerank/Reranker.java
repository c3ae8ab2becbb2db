package org.supportrag.retrieval.rerank;

import java.util.List;

/** Reorders a query's candidate passages, best first. Implementations are thread-safe. */
public interface Reranker {

    /**
     * Scores every candidate; the result holds each input index once, best first.
     *
     * @throws RerankException when the reranker cannot answer (the caller keeps the original order)
     */
    List<Ranked> rerank(String query, List<String> passages);

    /** A low-cardinality name for metrics and traces. */
    String name();

    /** The candidate at {@code index} of the input with its reranker score (higher is better). */
    record Ranked(int index, double score) {
    }

    /** The reranker failed or timed out. */
    final class RerankException extends RuntimeException {

        public RerankException(String message, Throwable cause) {
            super(message, cause);
        }

        public RerankException(String message) {
            super(message);
        }
    }
}
