package org.supportrag.generation.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;

import org.supportrag.generation.model.LlmModel;
import org.supportrag.generation.model.ModelRegistry;

/**
 * The resilience guards of each configured model ({@code llm-<name>}): its own instance from the registries when
 * configured, else the shared configuration named in {@link RoutingProperties}, else the registries' defaults.
 */
final class ModelGuards {

    /** The resilience guards of one model. */
    record Guards(CircuitBreaker circuitBreaker, Retry retry, Bulkhead bulkhead) {
    }

    private final Map<String, Guards> guards = new LinkedHashMap<>();

    ModelGuards(ModelRegistry models, RoutingProperties routing, CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries, BulkheadRegistry bulkheads) {
        for (LlmModel model : models.all()) {
            String name = "llm-" + model.name();
            CircuitBreaker breaker = circuitBreakers.find(name)
                .orElseGet(() -> circuitBreakers.getConfiguration(routing.circuitBreaker()).isPresent()
                        ? circuitBreakers.circuitBreaker(name, routing.circuitBreaker())
                        : circuitBreakers.circuitBreaker(name));
            Retry retry = retries.find(name)
                .orElseGet(() -> retries.getConfiguration(routing.retry()).isPresent()
                        ? retries.retry(name, routing.retry()) : retries.retry(name));
            Bulkhead bulkhead = bulkheads.find(name)
                .orElseGet(() -> bulkheads.getConfiguration(routing.bulkhead()).isPresent()
                        ? bulkheads.bulkhead(name, routing.bulkhead()) : bulkheads.bulkhead(name));
            guards.put(model.name(), new Guards(breaker, retry, bulkhead));
        }
    }

    /** The guards of a configured model. */
    Guards of(LlmModel model) {
        Guards modelGuards = guards.get(model.name());
        if (modelGuards == null) {
            throw new IllegalStateException("No guards for model " + model.name());
        }
        return modelGuards;
    }

    @Nullable CircuitBreaker circuitBreaker(String model) {
        Guards modelGuards = guards.get(model);
        return modelGuards == null ? null : modelGuards.circuitBreaker();
    }
}
