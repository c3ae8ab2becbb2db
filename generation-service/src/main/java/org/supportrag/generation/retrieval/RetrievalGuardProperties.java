package org.supportrag.generation.retrieval;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker around search calls to the retrieval service (its timeouts are {@code retrieval-*-timeout}):
 * once open, turns stop waiting for an unavailable retrieval and get an offline answer or a handover at once.
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
 * @param minimumCalls calls in the window before the failure rate counts
 * @param window the last calls the failure rate is computed over
 * @param openFor how long the breaker stays open before one call probes retrieval again
 */
@ConfigurationProperties("rag.generation.retrieval.circuit-breaker")
record RetrievalGuardProperties(@DefaultValue("50") float failureRateThreshold, @DefaultValue("4") int minimumCalls,
        @DefaultValue("10") int window, @DefaultValue("15s") Duration openFor) {
}
