package org.supportrag.retrieval;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.supportrag.contracts.retrieval.v1.SearchMode;

/**
 * Retrieval settings, prefix {@code rag.retrieval}.
 *
 * @param efSearch      HNSW candidate list size per query ({@code hnsw.ef_search}): higher is better recall, slower
 * @param defaultTopK   results when a search names no {@code topK}
 * @param maxTopK       larger {@code topK} requests are capped to this
 * @param iterativeScan pgvector 0.8 iterative index scan, so tenant/knowledge-base filters applied after the HNSW
 *                      scan still fill {@code topK}; {@code off} restores the pre-0.8 behaviour
 * @param defaultMode   the mode of a search that names none
 * @param fusion        how hybrid search merges the dense and lexical rankings
 * @param fusionCandidates how many candidates hybrid search takes from each ranking before fusing (at least topK)
 * @param rrfK          reciprocal rank fusion's rank offset k: larger flattens the advantage of top ranks
 * @param fusionAlpha   weight of the dense score in {@code weighted} fusion (lexical gets 1 - alpha)
 */
@ConfigurationProperties("rag.retrieval")
public record RetrievalProperties(
        @DefaultValue("100") int efSearch,
        @DefaultValue("5") int defaultTopK,
        @DefaultValue("50") int maxTopK,
        @DefaultValue("strict-order") IterativeScan iterativeScan,
        @DefaultValue("dense") SearchMode defaultMode,
        @DefaultValue("rrf") FusionMethod fusion,
        @DefaultValue("50") int fusionCandidates,
        @DefaultValue("60") int rrfK,
        @DefaultValue("0.5") double fusionAlpha) {

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
        if (fusionCandidates < 1 || fusionCandidates > MAX_FUSION_CANDIDATES) {
            throw new IllegalArgumentException("rag.retrieval.fusion-candidates must be between 1 and "
                    + MAX_FUSION_CANDIDATES + ", was " + fusionCandidates);
        }
        if (rrfK < 0) {
            throw new IllegalArgumentException("rag.retrieval.rrf-k must not be negative, was " + rrfK);
        }
        if (!(fusionAlpha >= 0 && fusionAlpha <= 1)) {
            throw new IllegalArgumentException("rag.retrieval.fusion-alpha must be between 0 and 1, was " + fusionAlpha);
        }
    }

    /** The mode of a request: its own when given (already validated), else the configured default. */
    public SearchMode effectiveMode(@Nullable String requested) {
        return requested == null ? defaultMode : SearchMode.fromValue(requested)
            .orElseThrow(() -> new IllegalArgumentException("Unknown search mode"));
    }

    /** How many candidates each ranking contributes to a hybrid search returning {@code topK}. */
    public int fusionCandidates(int topK) {
        return Math.max(fusionCandidates, topK);
    }

    /** Values of {@code rag.retrieval.fusion}. */
    public enum FusionMethod {
        /** Reciprocal rank fusion: sums 1 / (k + rank); ignores scores, so needs no calibration. */
        RRF,
        /** Min-max normalized scores, weighted by {@code fusion-alpha}. */
        WEIGHTED
    }

    /** Upper bound for {@code fusion-candidates}: each candidate list is one SQL query's LIMIT. */
    static final int MAX_FUSION_CANDIDATES = 1000;

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
