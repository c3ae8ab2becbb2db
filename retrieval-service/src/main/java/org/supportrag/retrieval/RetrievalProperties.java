package org.supportrag.retrieval;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

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
 * @param fusionSiblingWeight in {@code weighted} fusion a chunk scores at least this share of the best score another
 *                      chunk of its document has in the same ranking (0: chunks are fused independently)
 * @param queryCacheSize query embeddings kept in memory (0: no cache)
 * @param lexical       lexical ranking
 * @param rerank        the rerank stage of {@code full}
 * @param context       near-duplicate suppression and context compression of {@code full}
 * @param rewrite       multi-turn query rewriting of {@code full}
 */
@ConfigurationProperties("rag.retrieval")
public record RetrievalProperties(
        @DefaultValue("200") int efSearch,
        @DefaultValue("5") int defaultTopK,
        @DefaultValue("50") int maxTopK,
        @DefaultValue("strict-order") IterativeScan iterativeScan,
        @DefaultValue("full") SearchMode defaultMode,
        @DefaultValue("weighted") FusionMethod fusion,
        @DefaultValue("50") int fusionCandidates,
        @DefaultValue("60") int rrfK,
        @DefaultValue("0.6") double fusionAlpha,
        @DefaultValue("0") double fusionSiblingWeight,
        @DefaultValue("10000") int queryCacheSize,
        @DefaultValue Lexical lexical,
        @DefaultValue Rerank rerank,
        @DefaultValue Context context,
        @DefaultValue Rewrite rewrite) {

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
        if (!(fusionSiblingWeight >= 0 && fusionSiblingWeight <= 1)) {
            throw new IllegalArgumentException(
                    "rag.retrieval.fusion-sibling-weight must be between 0 and 1, was " + fusionSiblingWeight);
        }
        if (!(fusionAlpha >= 0 && fusionAlpha <= 1)) {
            throw new IllegalArgumentException("rag.retrieval.fusion-alpha must be between 0 and 1, was " + fusionAlpha);
        }
        if (queryCacheSize < 0) {
            throw new IllegalArgumentException("rag.retrieval.query-cache-size must not be negative, was "
                    + queryCacheSize);
        }
    }

    /**
     * Lexical ranking, prefix {@code rag.retrieval.lexical}.
     *
     * @param scoring       {@code bm25} or {@code ts-rank-cd}
     * @param k1            BM25 term-frequency saturation
     * @param b             BM25 length normalization (0: none, 1: full)
     * @param titleWeight   an occurrence in the title counts this many body occurrences
     * @param sectionWeight an occurrence in the section path counts this many body occurrences
     * @param maxCandidates BM25 scores the chunks holding the query's rarer terms, chosen so that their summed
     *                      document frequency stays below this (bounds the work of questions with common words)
     */
    public record Lexical(@DefaultValue("bm25") LexicalScoring scoring, @DefaultValue("0.9") double k1,
            @DefaultValue("0.4") double b, @DefaultValue("2") double titleWeight,
            @DefaultValue("1") double sectionWeight, @DefaultValue("2000") int maxCandidates) {

        public Lexical {
            if (!(k1 >= 0) || !(b >= 0 && b <= 1) || !(titleWeight >= 0) || !(sectionWeight >= 0)) {
                throw new IllegalArgumentException("rag.retrieval.lexical: k1, title-weight and section-weight must "
                        + "not be negative and b must be between 0 and 1");
            }
        }
    }

    /** Values of {@code rag.retrieval.lexical.scoring}. */
    public enum LexicalScoring {
        /** Okapi BM25 with IDF from the knowledge base's term statistics. */
        BM25,
        /** PostgreSQL's cover density ranking (no IDF). */
        TS_RANK_CD
    }

    /**
     * The rerank stage, prefix {@code rag.retrieval.rerank}.
     *
     * @param provider   {@code none}, {@code overlap} (offline, in-process), {@code tei} (Hugging Face Text Embeddings
     *                   Inference {@code POST /rerank}) or {@code cohere} (Cohere-compatible {@code POST /v1/rerank})
     * @param url        the reranker's base URL (tei, cohere)
     * @param apiKey     sent as a bearer token when set
     * @param model      the model name sent to cohere-compatible APIs
     * @param timeout    per call; on timeout or error the fused order is kept
     * @param candidates how many fused candidates are reranked
     * @param weight     offline reranker: weight of its score against the fused rank
     */
    public record Rerank(@DefaultValue("overlap") RerankProvider provider, @Nullable URI url, @Nullable String apiKey,
            @DefaultValue("rerank-english-v3.0") String model, @DefaultValue("2s") Duration timeout,
            @DefaultValue("50") int candidates, @DefaultValue("0.3") double weight) {

        public Rerank {
            if ((provider == RerankProvider.TEI || provider == RerankProvider.COHERE) && url == null) {
                throw new IllegalArgumentException("rag.retrieval.rerank.url is required for provider "
                        + provider.name().toLowerCase(Locale.ROOT));
            }
            if (candidates < 1 || candidates > MAX_FUSION_CANDIDATES) {
                throw new IllegalArgumentException("rag.retrieval.rerank.candidates must be between 1 and "
                        + MAX_FUSION_CANDIDATES + ", was " + candidates);
            }
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException("rag.retrieval.rerank.weight must be between 0 and 1, was " + weight);
            }
        }
    }

    /** Values of {@code rag.retrieval.rerank.provider}. */
    public enum RerankProvider {
        NONE, OVERLAP, TEI, COHERE
    }

    /**
     * Near-duplicate suppression and context compression, prefix {@code rag.retrieval.context}.
     *
     * @param duplicateSimilarity a hit whose word-shingle Jaccard similarity to a better hit reaches this is dropped
     *                            (1: off)
     * @param compress            keep only query-relevant sentences of each returned chunk
     * @param maxTokens           token budget of all returned chunk texts together
     * @param keepWholeTokens   chunks at most this long are never compressed
     */
    public record Context(@DefaultValue("0.9") double duplicateSimilarity, @DefaultValue("true") boolean compress,
            @DefaultValue("1200") int maxTokens, @DefaultValue("60") int keepWholeTokens) {

        public Context {
            if (!(duplicateSimilarity > 0 && duplicateSimilarity <= 1)) {
                throw new IllegalArgumentException(
                        "rag.retrieval.context.duplicate-similarity must be in (0, 1], was " + duplicateSimilarity);
            }
            if (maxTokens < 1) {
                throw new IllegalArgumentException("rag.retrieval.context.max-tokens must be positive");
            }
        }
    }

    /**
     * Multi-turn query rewriting, prefix {@code rag.retrieval.rewrite}.
     *
     * @param provider    {@code offline} (keywords of the last exchange, both speakers), {@code openai} (any
     *                    OpenAI-compatible chat completions API) or {@code ollama}; an LLM rewrite falls back to
     *                    offline on an error, a timeout or an unusable answer
     * @param baseUrl     the LLM's API root: for OpenAI-compatible APIs including {@code /v1}, for Ollama the server
     *                    root (required for {@code openai} and {@code ollama})
     * @param apiKey      the OpenAI-compatible API's key; none: no {@code Authorization} header
     * @param model       the provider's model name (required for {@code openai} and {@code ollama})
     * @param temperature sampling temperature; none: the provider's default ({@code application.yml} sets 0 unless
     *                    the environment variable is set empty, for models that take no temperature)
     * @param maxTurns    only the last turns are used
     * @param timeout     the whole LLM call: connect, read and total; then the offline rewrite is used
     * @param conversationWeight weight of the conversation leg (mode {@code full}, a rewritten follow-up): the last
     *                    topical exchange and the question searched verbatim, its ranking fused with the standalone
     *                    query's by weighted reciprocal rank (the standalone query weighs 1); 0 turns it off
     */
    public record Rewrite(@DefaultValue("offline") RewriteProvider provider, @Nullable URI baseUrl,
            @Nullable String apiKey, @Nullable String model, @Nullable Double temperature,
            @DefaultValue("6") int maxTurns, @DefaultValue("5s") Duration timeout,
            @DefaultValue("0.5") double conversationWeight) {

        public Rewrite {
            if (provider != RewriteProvider.OFFLINE) {
                String name = provider.name().toLowerCase(Locale.ROOT);
                if (baseUrl == null || baseUrl.toString().isBlank()) {
                    throw new IllegalArgumentException("rag.retrieval.rewrite.base-url (RAG_RETRIEVAL_REWRITE_BASE_URL)"
                            + " is required for provider " + name);
                }
                String scheme = baseUrl.getScheme();
                if (!"http".equals(scheme) && !"https".equals(scheme)) {
                    throw new IllegalArgumentException("rag.retrieval.rewrite.base-url (RAG_RETRIEVAL_REWRITE_BASE_URL)"
                            + " must be an http or https URL");
                }
                if (model == null || model.isBlank()) {
                    throw new IllegalArgumentException("rag.retrieval.rewrite.model (RAG_RETRIEVAL_REWRITE_MODEL)"
                            + " is required for provider " + name);
                }
            }
            if (maxTurns < 1) {
                throw new IllegalArgumentException("rag.retrieval.rewrite.max-turns must be positive, was " + maxTurns);
            }
            if (!timeout.isPositive()) {
                throw new IllegalArgumentException("rag.retrieval.rewrite.timeout must be positive, was " + timeout);
            }
            if (!(conversationWeight >= 0 && conversationWeight <= 1)) {
                throw new IllegalArgumentException(
                        "rag.retrieval.rewrite.conversation-weight must be between 0 and 1, was " + conversationWeight);
            }
            if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
                throw new IllegalArgumentException(
                        "rag.retrieval.rewrite.temperature must be between 0 and 2, was " + temperature);
            }
        }
    }

    /** Values of {@code rag.retrieval.rewrite.provider}. */
    public enum RewriteProvider {
        /** Keywords of the last exchange (both speakers), in-process. */
        OFFLINE,
        /** An OpenAI-compatible chat completions API (OpenAI, vLLM, llama.cpp server, LiteLLM, Ollama's /v1...). */
        OPENAI,
        /** Ollama's own chat API. */
        OLLAMA
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
