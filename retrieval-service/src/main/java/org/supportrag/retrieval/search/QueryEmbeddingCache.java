package org.supportrag.retrieval.search;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.retrieval.RetrievalProperties;

/**
 * Query embeddings by tenant and query text (the same question asked again, a retry, evaluation reruns): a bounded
 * in-memory cache (Caffeine) in front of the database's {@link QueryEmbeddingStore}, which every replica shares and
 * which survives a restart; the most recently used stored ones are loaded into memory before the port opens. The model
 * is fixed for the process. Memory hit rates are exported as {@code cache.*} metrics with
 * {@code cache=query-embeddings}; where a vector came from is the embed stage's outcome.
 */
@Component
class QueryEmbeddingCache implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(QueryEmbeddingCache.class);

    /** Where a vector came from: the embed stage's outcome tag. */
    enum Source {
        MEMORY("cache_hit"), STORE("store_hit"), MODEL("success");

        final String outcome;

        Source(String outcome) {
            this.outcome = outcome;
        }
    }

    record Embedded(float[] vector, Source source) {
    }

    /** Tenant and hex SHA-256 of model and text: a preloaded row and a new query meet under the same key. */
    private record Key(String tenant, String hash) {
    }

    private final TextEmbedder embedder;
    private final QueryEmbeddingStore store;
    private final Cache<Key, float[]> cache;

    QueryEmbeddingCache(TextEmbedder embedder, QueryEmbeddingStore store, RetrievalProperties properties,
            MeterRegistry meters) {
        this.embedder = embedder;
        this.store = store;
        this.cache = Caffeine.newBuilder().maximumSize(properties.queryCacheSize()).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, cache, "query-embeddings");
    }

    Embedded embed(String tenant, String query) {
        Key key = new Key(tenant, QueryEmbeddingStore.hash(embedder.modelId(), query));
        // Loaded through the cache, so concurrent searches of one query read the store or run the model once.
        Source[] source = { Source.MEMORY };
        float[] vector = cache.get(key, missing -> {
            Optional<float[]> stored = store.enabled() ? store.find(tenant, missing.hash()) : Optional.empty();
            if (stored.isPresent()) {
                source[0] = Source.STORE;
                return stored.get();
            }
            source[0] = Source.MODEL;
            float[] embedded = embedder.embedQuery(query);
            if (store.enabled()) {
                store.save(tenant, missing.hash(), embedder.modelId(), embedded);
            }
            return embedded;
        });
        return new Embedded(vector, source[0]);
    }

    /** Loads the store's most recently used embeddings of this model into memory; returns how many. */
    int preload() {
        int loaded = 0;
        for (QueryEmbeddingStore.Stored stored : store.recent(embedder.modelId())) {
            cache.put(new Key(stored.tenant(), stored.hash()), stored.vector());
            loaded++;
        }
        return loaded;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        int loaded = preload();
        if (loaded > 0) {
            log.info("Preloaded {} query embeddings in {} ms", loaded, (System.nanoTime() - started) / 1_000_000);
        }
    }

    String modelId() {
        return embedder.modelId();
    }
}
