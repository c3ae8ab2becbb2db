package org.supportrag.contracts.retrieval.v1;

import java.util.Locale;
import java.util.Optional;

/** How the retrieval service ranks chunks; sent as {@link #value()} in {@link SearchRequest#mode()}. */
public enum SearchMode {

    /** PostgreSQL full-text search (title, section, body weighted). */
    LEXICAL,
    /** Cosine similarity of embeddings. */
    DENSE,
    /** Dense and lexical candidates fused into one ranking. */
    HYBRID,
    /**
     * Every stage the product uses: query rewriting from the conversation history, hybrid retrieval, reranking,
     * near-duplicate suppression and context compression. The retrieval service's default.
     */
    FULL;

    /** The accepted wire values, for Bean Validation. */
    public static final String PATTERN = "lexical|dense|hybrid|full";

    /** The accepted wire values, for messages. */
    public static final String VALUES = "lexical, dense, hybrid, full";

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode for a wire value, empty when {@code value} names none. */
    public static Optional<SearchMode> fromValue(String value) {
        for (SearchMode mode : values()) {
            if (mode.value().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
