package org.supportrag.defaults.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * The guards of the service's remote calls, one set of Resilience4j instances per call name (a fixed, small set:
 * the names are metric tags). A call takes the configuration named like it when one is defined (e.g.
 * {@code resilience4j.circuitbreaker.configs.retrieval.base-config=remote}), else the shared {@value #SHARED} one.
 * A 4xx answer is the caller's own fault and a problem raised on purpose ({@link ErrorResponseException}) is no
 * remote failure: neither opens a breaker. Only I/O errors and 5xx answers are retried.
 */
public final class RemoteCalls {

    /** The shared configuration's name in {@code resilience4j.{circuitbreaker,retry,bulkhead}.configs}. */
    public static final String SHARED = "remote";

    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;
    private final Map<String, RemoteCall> calls = new ConcurrentHashMap<>();

    public RemoteCalls(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, BulkheadRegistry bulkheads) {
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
        this.bulkheads = bulkheads;
    }

    /** A call that may safely be repeated (a read, a search, an upsert by id): failed attempts are retried. */
    public RemoteCall idempotent(String name) {
        return guard(name, name, true);
    }

    /**
     * A call never retried: a write that is not idempotent, or a call whose caller has a faster fallback than a
     * second attempt (the query rewrite, whose fallback is the offline rewrite).
     */
    public RemoteCall notRetried(String name) {
        return guard(name, name, false);
    }

    /**
     * As {@link #notRetried(String)}, for one of several calls that share a configuration (e.g. the gateway's
     * routes, configuration {@code proxy}): each has instances and metrics of its own.
     */
    public RemoteCall notRetried(String name, String configuration) {
        return guard(name, configuration, false);
    }

    private RemoteCall guard(String name, String configuration, boolean retried) {
        RemoteCall call = calls.computeIfAbsent(name, key -> new RemoteCall(key, circuitBreaker(key, configuration),
                bulkhead(key, configuration), retried ? retry(key, configuration) : null));
        if (call.retried() != retried) {
            throw new IllegalStateException("Remote call " + name + " is guarded both with and without retries");
        }
        return call;
    }

    private CircuitBreaker circuitBreaker(String name, String configuration) {
        CircuitBreakerConfig base = circuitBreakers.getConfiguration(configuration)
            .or(() -> circuitBreakers.getConfiguration(SHARED))
            .orElseGet(circuitBreakers::getDefaultConfig);
        return circuitBreakers.circuitBreaker(name,
                CircuitBreakerConfig.from(base)
                    .ignoreExceptions(HttpClientErrorException.class, ErrorResponseException.class)
                    .build());
    }

    private Bulkhead bulkhead(String name, String configuration) {
        BulkheadConfig config = bulkheads.getConfiguration(configuration)
            .or(() -> bulkheads.getConfiguration(SHARED))
            .orElseGet(bulkheads::getDefaultConfig);
        return bulkheads.bulkhead(name, config);
    }

    private Retry retry(String name, String configuration) {
        RetryConfig base = retries.getConfiguration(configuration)
            .or(() -> retries.getConfiguration(SHARED))
            .orElseGet(retries::getDefaultConfig);
        return retries.retry(name, RetryConfig.from(base).retryOnException(RemoteCalls::transientFailure).build());
    }

    /** I/O errors (refused, reset, timed out) and 5xx answers; never a 4xx, an open breaker or a full bulkhead. */
    static boolean transientFailure(Throwable failure) {
        return failure instanceof ResourceAccessException || failure instanceof HttpServerErrorException
                || failure instanceof IOException || failure instanceof UncheckedIOException;
    }
}
