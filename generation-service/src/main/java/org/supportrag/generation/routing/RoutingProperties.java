package org.supportrag.generation.routing;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which model answers a turn, prefix {@code rag.generation.routing}. The chain starts at a model and continues with
 * every cheaper one, then the extractive answerer, then escalation.
 *
 * @param simpleMaxWords a first question of at most this many words (one sentence) counts as simple and starts at
 *                       the cheapest model; 0 turns complexity routing off
 * @param tiers tenant tier → the model its turns start at (e.g. {@code free: small}); other tiers start at the first
 *              declared model
 * @param circuitBreaker the Resilience4j circuit breaker configuration each model's breaker is created from
 *                       ({@code resilience4j.circuitbreaker.configs.<name>}); an instance named
 *                       {@code llm-<model>} overrides it
 * @param retry the Resilience4j retry configuration (attempts, backoff) of each model, likewise
 * @param bulkhead the Resilience4j bulkhead configuration (concurrent calls) of each model, likewise
 */
@ConfigurationProperties("rag.generation.routing")
record RoutingProperties(@DefaultValue("6") int simpleMaxWords, @DefaultValue Map<String, String> tiers,
        @DefaultValue("llm") String circuitBreaker, @DefaultValue("llm") String retry,
        @DefaultValue("llm") String bulkhead) {

    public RoutingProperties {
        if (simpleMaxWords < 0) {
            throw new IllegalArgumentException("rag.generation.routing.simple-max-words must not be negative");
        }
        tiers = Map.copyOf(tiers);
    }

    @Nullable String tierModel(String tier) {
        return tiers.get(tier);
    }
}
