package org.supportrag.generation.confidence;

import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.supportrag.defaults.embedding.TextEmbedder;

/**
 * The embedder of a turn's answer and confidence, with bounded caches (Caffeine): the offline answerer and
 * {@link Answerability} embed the same question, and the offline answerer keeps quoting the same help-center
 * sections. Without the passage cache every turn embeds each candidate sentence again, so when the models are down
 * and every turn falls back to the offline answerer, the embedding model becomes the queue that customers wait in
 * (the 30-minute soak: 90-115 s per fallback turn on a busy 2-CPU machine).
 */
public final class CachingEmbedder implements TextEmbedder {

    /** About 7 MB of vectors (384 floats each): a demo help center's sentences several times over. */
    static final long PASSAGES = 4096;
    /** Questions are embedded by two stages of one turn, rarely by later turns. */
    static final long QUERIES = 256;

    private final TextEmbedder delegate;
    private final Cache<String, float[]> passages;
    private final Cache<String, float[]> queries;

    CachingEmbedder(TextEmbedder delegate, long maximumPassages, long maximumQueries) {
        this.delegate = delegate;
        this.passages = Caffeine.newBuilder().maximumSize(maximumPassages).recordStats().build();
        this.queries = Caffeine.newBuilder().maximumSize(maximumQueries).recordStats().build();
    }

    /**
     * Exports both caches' hits, misses, evictions and sizes ({@code cache_gets_total{cache="answer-passages"}} ...):
     * a miss is an embedding on the turn's path, which is what a model outage's fallback turns wait for.
     */
    void monitor(MeterRegistry meters) {
        CaffeineCacheMetrics.monitor(meters, passages, "answer-passages");
        CaffeineCacheMetrics.monitor(meters, queries, "answer-queries");
    }

    /** {@code embedder} itself when it already caches, else a cache in front of it. */
    public static CachingEmbedder of(TextEmbedder embedder) {
        return embedder instanceof CachingEmbedder caching ? caching
                : new CachingEmbedder(embedder, PASSAGES, QUERIES);
    }

    /** Whether a passage's vector is cached. */
    public boolean holds(String passage) {
        return passages.getIfPresent(passage) != null;
    }

    @Override
    public float[] embedQuery(String query) {
        return queries.get(query, delegate::embedQuery);
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        // One batch for the passages not cached yet (Caffeine's bulk load), in the input order.
        Map<String, float[]> vectors = passages.getAll(texts, delegate::embedDocumentsByText);
        return texts.stream().map(vectors::get).toList();
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int countTokens(String text) {
        return delegate.countTokens(text);
    }
}
