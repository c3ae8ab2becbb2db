package org.supportrag.defaults.testsupport;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

import org.supportrag.defaults.resilience.RemoteCalls;

/**
 * Remote-call guards for tests that build a client by hand (no Spring context): the shared configuration's shape
 * (two attempts for idempotent calls, a breaker over the last ten calls) with a short retry wait.
 */
public final class TestRemoteCalls {

    private TestRemoteCalls() {
    }

    public static RemoteCalls create() {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        breakers.addConfiguration(RemoteCalls.SHARED, CircuitBreakerConfig.custom()
            .slidingWindowSize(10)
            .minimumNumberOfCalls(4)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(15))
            .build());
        RetryRegistry retries = RetryRegistry.ofDefaults();
        retries.addConfiguration(RemoteCalls.SHARED,
                RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(10)).build());
        return new RemoteCalls(breakers, retries, BulkheadRegistry.ofDefaults());
    }
}
