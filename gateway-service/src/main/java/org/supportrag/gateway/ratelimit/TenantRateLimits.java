package org.supportrag.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.jdbc.DatabaseRetry;

/**
 * Each tenant's limits: the configured defaults with its {@code tenant_rate_limits} row applied. Cached briefly,
 * so a change in the table takes effect on every replica within {@code overrides-cache-ttl}, without a restart.
 */
@Component
class TenantRateLimits {

    private static final String LOOKUP = """
            SELECT widget_key, tenant, client_ip, end_user FROM tenant_rate_limits WHERE tenant_id = :tenant
            """;

    private final JdbcClient jdbc;
    private final Limits defaults;
    private final LoadingCache<String, Limits> cache;
    private final DatabaseRetry retry;

    TenantRateLimits(JdbcClient jdbc, RateLimitProperties properties, DatabaseRetry retry) {
        this.jdbc = jdbc;
        this.retry = retry;
        this.defaults = properties.defaults();
        this.cache = Caffeine.newBuilder()
            .expireAfterWrite(properties.overridesCacheTtl())
            .maximumSize(10_000)
            .build(this::load);
    }

    Limits of(String tenantId) {
        return cache.get(tenantId);
    }

    /** Forgets a tenant's cached limits on this replica, after a change through the admin API. */
    void evict(String tenantId) {
        cache.invalidate(tenantId);
    }

    private Limits load(String tenantId) {
        return retry.call(() -> jdbc.sql(LOOKUP)
            .param("tenant", tenantId)
            .query((rs, row) -> defaults.overriddenBy(rs.getObject("widget_key", Integer.class),
                    rs.getObject("tenant", Integer.class), rs.getObject("client_ip", Integer.class),
                    rs.getObject("end_user", Integer.class)))
            .optional()
            .orElse(defaults));
    }
}
