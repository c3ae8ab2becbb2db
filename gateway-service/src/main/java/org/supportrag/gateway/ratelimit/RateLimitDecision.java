package org.supportrag.gateway.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bucket4j.ConsumptionProbe;

/**
 * The outcome of a request against the tightest limit that applies to it, and the headers that tell the client.
 *
 * @param allowed whether the request may proceed
 * @param limit requests per period of the tightest limit
 * @param remaining requests left in it right now
 * @param resetSeconds seconds until it is full again
 * @param retryAfterSeconds seconds until the next request may succeed; 0 when allowed
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetSeconds,
        long retryAfterSeconds) {

    public static final String LIMIT_HEADER = "RateLimit-Limit";
    public static final String REMAINING_HEADER = "RateLimit-Remaining";
    public static final String RESET_HEADER = "RateLimit-Reset";
    public static final String RETRY_AFTER_HEADER = "Retry-After";
    /** All the headers a decision may set, for CORS to expose to widget scripts on other origins. */
    public static final List<String> HEADERS = List.of(LIMIT_HEADER, REMAINING_HEADER, RESET_HEADER,
            RETRY_AFTER_HEADER);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    static RateLimitDecision of(long limit, ConsumptionProbe probe) {
        long remaining = Math.max(0, probe.getRemainingTokens());
        long reset = ceilSeconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new RateLimitDecision(true, limit, remaining, reset, 0);
        }
        // Clients must not retry at once: a rejection always waits at least a second.
        long retryAfter = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        return new RateLimitDecision(false, limit, remaining, Math.max(reset, retryAfter), retryAfter);
    }

    /** A rejection beats any success; between successes, the one with fewer requests left is the tighter. */
    RateLimitDecision tighterOf(RateLimitDecision other) {
        if (allowed != other.allowed) {
            return allowed ? other : this;
        }
        if (remaining != other.remaining) {
            return remaining < other.remaining ? this : other;
        }
        return resetSeconds >= other.resetSeconds ? this : other;
    }

    /** The IETF RateLimit fields, plus Retry-After on a rejection. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIMIT_HEADER, Long.toString(limit));
        headers.put(REMAINING_HEADER, Long.toString(remaining));
        headers.put(RESET_HEADER, Long.toString(resetSeconds));
        if (!allowed) {
            headers.put(RETRY_AFTER_HEADER, Long.toString(retryAfterSeconds));
        }
        return headers;
    }

    static long ceilSeconds(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        return (nanos - 1) / NANOS_PER_SECOND + 1;
    }
}
