package org.supportrag.generation.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The semantic answer cache, prefix {@code rag.generation.cache}.
 *
 * @param enabled whether answers are cached and reused; env {@code RAG_GENERATION_CACHE_ENABLED}
 * @param similarityThreshold least cosine similarity (bge-small, questions embedded without instruction) for a
 *                            semantic hit; env {@code RAG_GENERATION_CACHE_SIMILARITY_THRESHOLD}
 * @param swapThreshold least similarity of the key words two otherwise alike questions swapped ("Pro" vs
 *                      "Business"); below it the hit is refused
 * @param ttl how long a cached answer is reused; env {@code RAG_GENERATION_CACHE_TTL}
 * @param minConfidence answers below this confidence are not cached
 * @param candidates nearest cached questions examined per lookup
 * @param requireCitedChunks a hit also requires that this turn's retrieval still returns every chunk the cached
 *                           answer cites
 */
@ConfigurationProperties("rag.generation.cache")
record CacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0.88") double similarityThreshold,
        @DefaultValue("0.80") double swapThreshold,
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("0.5") double minConfidence,
        @DefaultValue("5") int candidates,
        @DefaultValue("true") boolean requireCitedChunks) {

    public CacheProperties {
        if (similarityThreshold <= 0 || similarityThreshold > 1 || swapThreshold <= 0 || swapThreshold > 1) {
            throw new IllegalArgumentException("rag.generation.cache thresholds must be within (0, 1]");
        }
        if (!ttl.isPositive() || candidates < 1) {
            throw new IllegalArgumentException("rag.generation.cache.ttl and candidates must be positive");
        }
    }

    static CacheProperties defaults() {
        return new CacheProperties(true, 0.88, 0.80, Duration.ofHours(24), 0.5, 5, true);
    }
}
