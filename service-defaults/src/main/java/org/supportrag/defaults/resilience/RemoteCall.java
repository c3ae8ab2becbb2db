package org.supportrag.defaults.resilience;

import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;

/**
 * One guarded remote call: {@code Retry(CircuitBreaker(Bulkhead(call)))}, Resilience4j's own order, so every attempt
 * counts for the breaker and an open breaker or a full bulkhead is never retried. Timeouts stay on the HTTP client:
 * only it can abort a blocking read.
 */
public final class RemoteCall {

    private final String name;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final @Nullable Retry retry;

    RemoteCall(String name, CircuitBreaker circuitBreaker, Bulkhead bulkhead, @Nullable Retry retry) {
        this.name = name;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
        this.retry = retry;
    }

    /**
     * Runs the call under the guards.
     *
     * @throws RemoteCallRefusedException when the breaker is open or the bulkhead full; the call's own exception
     *         (after the retries of an idempotent call) when it failed
     */
    public <T extends @Nullable Object> T call(Supplier<T> call) {
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(circuitBreaker, Bulkhead.decorateSupplier(bulkhead, call));
        if (retry != null) {
            guarded = Retry.decorateSupplier(retry, guarded);
        }
        try {
            return guarded.get();
        }
        catch (CallNotPermittedException ex) {
            throw new RemoteCallRefusedException(name, "circuit breaker open", ex);
        }
        catch (BulkheadFullException ex) {
            throw new RemoteCallRefusedException(name, "too many concurrent calls", ex);
        }
    }

    /** As {@link #call(Supplier)} for a call without a result. */
    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** The call's name: its Resilience4j instances' and metrics' {@code name} tag. */
    public String name() {
        return name;
    }

    /** Whether failed attempts are retried (idempotent calls only). */
    public boolean retried() {
        return retry != null;
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }
}
