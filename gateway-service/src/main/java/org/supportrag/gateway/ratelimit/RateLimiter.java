package org.supportrag.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.supportrag.gateway.keys.KeyHashes;

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

    RateLimiter(ProxyManager<String> buckets, TenantRateLimits tenantLimits, RateLimitProperties properties) {
        this.buckets = buckets;
        this.tenantLimits = tenantLimits;
        this.properties = properties;
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
            ConsumptionProbe probe = buckets.getProxy(bucketId(scope, request.tenantId(), subject, capacity),
                    () -> configuration(capacity))
                .tryConsumeAndReturnRemaining(1);
            RateLimitDecision decision = RateLimitDecision.of(capacity, probe);
            tightest = tightest == null ? decision : tightest.tighterOf(decision);
            if (!decision.allowed()) {
                break;
            }
        }
        return Optional.ofNullable(tightest);
    }

    private static @Nullable String subject(Scope scope, RateLimitRequest request) {
        return switch (scope) {
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
