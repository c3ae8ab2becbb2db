package org.supportrag.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.gateway.apikeys.KeyHashes;

/**
 * Takes one request from every bucket that applies to a caller. Buckets live in PostgreSQL, so every gateway
 * replica draws from the same ones. A bucket's id includes its capacity: when a tenant's limit changes, its
 * requests move to a fresh bucket of the new size and the old one expires.
 */
@Component
public class RateLimiter {

    private final ProxyManager<String> buckets;
    private final TenantRateLimits tenantLimits;
    private final RateLimitProperties properties;

    /** Optimized buckets keep local state between syncs, so each must live on across requests. */
    private final Cache<String, Bucket> optimized;
    private final DatabaseRetry retry;

    RateLimiter(ProxyManager<String> buckets, TenantRateLimits tenantLimits, RateLimitProperties properties,
            DatabaseRetry retry) {
        this.buckets = buckets;
        this.retry = retry;
        this.tenantLimits = tenantLimits;
        this.properties = properties;
        this.optimized = Caffeine.newBuilder().expireAfterAccess(properties.period()).maximumSize(100_000).build();
    }

    /**
     * Consumes one request from each applicable limit, narrowest first, stopping at the first that is exhausted.
     *
     * @return the decision for the tightest limit, or empty when rate limiting is disabled
     */
    public Optional<RateLimitDecision> check(RateLimitRequest request) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        Limits limits = tenantLimits.of(request.tenantId());
        RateLimitDecision tightest = null;
        for (Scope scope : Scope.values()) {
            String subject = subject(scope, request);
            if (subject == null) {
                continue;
            }
            int capacity = limits.of(scope);
            ConsumptionProbe probe = consume(bucketId(scope, request.tenantId(), subject, capacity), capacity);
            RateLimitDecision decision = RateLimitDecision.of(capacity, probe);
            tightest = tightest == null ? decision : tightest.tighterOf(decision);
            if (!decision.allowed()) {
                break;
            }
        }
        return Optional.ofNullable(tightest);
    }

    /**
     * Takes one token, again after a dropped connection (a PostgreSQL restart): an attempt whose commit went through
     * before the connection broke costs the caller one token more, which a 503 would cost them anyway.
     */
    private ConsumptionProbe consume(String id, int capacity) {
        return retry.call(() -> consumeOnce(id, capacity));
    }

    private ConsumptionProbe consumeOnce(String id, int capacity) {
        try {
            return bucket(id, capacity).tryConsumeAndReturnRemaining(1);
        }
        catch (RuntimeException ex) {
            // The delaying optimization can report a bucket that a concurrent burst is just creating as missing
            // (bucket4j#398), which would turn an admitted request into a 503: once more, straight to the store.
            // The other requests of the same batch get it wrapped (BatchHelper's BatchFailedException).
            if (!bucketNotFound(ex)) {
                throw ex;
            }
            optimized.invalidate(id);
            return buckets.getProxy(id, () -> configuration(capacity)).tryConsumeAndReturnRemaining(1);
        }
    }

    static boolean bucketNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Large buckets are taken from locally and written to the store in batches (at most {@code max-unsynced-share}
     * of the capacity or {@code max-unsynced-time} apart), which keeps the store off the hot path; small ones go to
     * the store on every request, so they stay exact across replicas.
     */
    private Bucket bucket(String id, int capacity) {
        long unsynced = (long) Math.floor(capacity * properties.maxUnsyncedShare());
        if (unsynced < 1) {
            return buckets.getProxy(id, () -> configuration(capacity));
        }
        return optimized.get(id, key -> buckets.builder()
            .withOptimization(Optimizations.delaying(new DelayParameters(unsynced, properties.maxUnsyncedTime())))
            .build(key, () -> configuration(capacity)));
    }

    private static @Nullable String subject(Scope scope, RateLimitRequest request) {
        if (request.apiKey() != null) {
            return switch (scope) {
                case API_KEY -> request.apiKey();
                case TENANT -> "";
                default -> null;
            };
        }
        return switch (scope) {
            case API_KEY -> null;
            case ANONYMOUS -> request.anonymous() ? request.clientIp() : null;
            case CLIENT_IP -> request.clientIp();
            // Hashed: end-user ids are personal data and do not belong in a table of counters.
            case END_USER -> request.endUser() == null ? null : KeyHashes.sha256Hex(request.endUser());
            case WIDGET_KEY -> request.widgetKey();
            case TENANT -> "";
        };
    }

    private String bucketId(Scope scope, String tenantId, String subject, int capacity) {
        return scope.prefix() + ':' + tenantId + ':' + subject + ':' + capacity + '/' + properties.period().toSeconds();
    }

    private BucketConfiguration configuration(int capacity) {
        Duration period = properties.period();
        return BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
            .build();
    }
}
