package org.supportrag.retrieval.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.retrieval.RetrievalProperties;

/**
 * Query embeddings by query text (the same question asked again, a retry, evaluation reruns), bounded LRU-ish via
 * Caffeine, in memory only. The model is fixed for the process, so the text is the whole key. Hit rates are exported
 * as {@code cache.*} metrics with {@code cache=query-embeddings}.
 */
@Component
class QueryEmbeddingCache {

    private final TextEmbedder embedder;
    private final Cache<String, float[]> cache;

    QueryEmbeddingCache(TextEmbedder embedder, RetrievalProperties properties, MeterRegistry meters) {
        this.embedder = embedder;
        this.cache = Caffeine.newBuilder().maximumSize(properties.queryCacheSize()).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, cache, "query-embeddings");
    }

    float[] embed(String query) {
        return cache.get(query, embedder::embedQuery);
    }

    /** Whether {@code query}'s embedding is cached (for the embed stage's outcome tag). */
    boolean contains(String query) {
        return cache.getIfPresent(query) != null;
    }

    String modelId() {
        return embedder.modelId();
    }
}
