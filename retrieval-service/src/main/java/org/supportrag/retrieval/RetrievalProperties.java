package org.supportrag.retrieval;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retrieval settings, prefix {@code rag.retrieval}.
 *
 * @param efSearch      HNSW candidate list size per query ({@code hnsw.ef_search}): higher is better recall, slower
 * @param defaultTopK   results when a search names no {@code topK}
 * @param maxTopK       larger {@code topK} requests are capped to this
 * @param iterativeScan pgvector 0.8 iterative index scan, so tenant/knowledge-base filters applied after the HNSW
 *                      scan still fill {@code topK}; {@code off} restores the pre-0.8 behaviour
 */
@ConfigurationProperties("rag.retrieval")
public record RetrievalProperties(
        @DefaultValue("100") int efSearch,
        @DefaultValue("5") int defaultTopK,
        @DefaultValue("50") int maxTopK,
        @DefaultValue("strict-order") IterativeScan iterativeScan) {

    /** pgvector's limits for {@code hnsw.ef_search}. */
    static final int MIN_EF_SEARCH = 1;
    static final int MAX_EF_SEARCH = 1000;

    /** The retrieval API's own upper bound for {@code topK}. */
    static final int API_MAX_TOP_K = 100;

    public RetrievalProperties {
        if (efSearch < MIN_EF_SEARCH || efSearch > MAX_EF_SEARCH) {
            throw new IllegalArgumentException("rag.retrieval.ef-search must be between " + MIN_EF_SEARCH + " and "
                    + MAX_EF_SEARCH + ", was " + efSearch);
        }
        if (maxTopK < 1 || maxTopK > API_MAX_TOP_K) {
            throw new IllegalArgumentException(
                    "rag.retrieval.max-top-k must be between 1 and " + API_MAX_TOP_K + ", was " + maxTopK);
        }
        if (defaultTopK < 1 || defaultTopK > maxTopK) {
            throw new IllegalArgumentException("rag.retrieval.default-top-k must be between 1 and max-top-k ("
                    + maxTopK + "), was " + defaultTopK);
        }
    }

    /** The number of results to return for a requested {@code topK} (null: the default). */
    public int effectiveTopK(@Nullable Integer requested) {
        return requested == null ? defaultTopK : Math.clamp(requested, 1, maxTopK);
    }

    /** Values of pgvector's {@code hnsw.iterative_scan}. */
    public enum IterativeScan {

        OFF("off"), STRICT_ORDER("strict_order"), RELAXED_ORDER("relaxed_order");

        private final String setting;

        IterativeScan(String setting) {
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }
}
