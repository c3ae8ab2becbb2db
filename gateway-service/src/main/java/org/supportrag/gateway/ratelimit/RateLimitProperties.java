package org.supportrag.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Default request rate limits, each in requests per {@code period}; a tenant's row in
 * {@code gateway.tenant_rate_limits} overrides any of them.
 *
 * @param enabled whether API requests are rate limited at all
 * @param period the window every limit refers to; buckets refill smoothly over it
 * @param widgetKey requests per period through one widget key
 * @param tenant requests per period for a whole tenant, all keys together
 * @param clientIp requests per period from one client IP address, per tenant
 * @param endUser requests per period for one signed end-user identity, per tenant
 * @param anonymous requests per period from one client IP address through a widget key sent without {@code Origin}
 *        and without a signed visitor token (not a browser on the tenant's site), per tenant
 * @param apiKey requests per period through one secret API key (admin tools, seeding, CI), instead of the address
 *        limit: a burst of widget traffic from the same address does not hold it up. The tenant limit still applies
 * @param overridesCacheTtl how long a tenant's overrides are cached: the delay before a change in the table bites
 * @param cleanupInterval how often buckets that have refilled completely are deleted from the store
 * @param maxUnsyncedShare share of a bucket's capacity a replica may take locally before it writes to the shared
 *        store (Bucket4j's delaying optimization); a limit can be overshot by at most this share per replica. Buckets
 *        where the share is under one request stay exact (a store round trip per request); 0 makes all exact
 * @param maxUnsyncedTime how long a replica may take from a bucket locally before it writes to the shared store
 */
@ConfigurationProperties("rag.gateway.rate-limits")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration period,
        @DefaultValue("600") int widgetKey, @DefaultValue("3000") int tenant, @DefaultValue("120") int clientIp,
        @DefaultValue("60") int endUser, @DefaultValue("30") int anonymous, @DefaultValue("1200") int apiKey,
        @DefaultValue("10s") Duration overridesCacheTtl,
        @DefaultValue("5m") Duration cleanupInterval,
        @DefaultValue("0.01") double maxUnsyncedShare, @DefaultValue("250ms") Duration maxUnsyncedTime) {

    public RateLimitProperties {
        if (period.toMillis() < 1000) {
            throw new IllegalArgumentException("rag.gateway.rate-limits.period must be at least one second");
        }
        if (widgetKey < 1 || tenant < 1 || clientIp < 1 || endUser < 1 || anonymous < 1 || apiKey < 1) {
            throw new IllegalArgumentException("rag.gateway.rate-limits.* limits must be positive");
        }
        if (maxUnsyncedShare < 0 || maxUnsyncedShare > 0.1) {
            throw new IllegalArgumentException("rag.gateway.rate-limits.max-unsynced-share must be between 0 and 0.1");
        }
    }

    Limits defaults() {
        return new Limits(widgetKey, tenant, clientIp, endUser, anonymous, apiKey);
    }
}
