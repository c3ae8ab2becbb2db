package org.supportrag.gateway.tenants;

import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.gateway.GatewayProperties;

/**
 * Whether a tenant is suspended or deleted, for callers the key tables do not cover (console users, whose tenant
 * comes from their identity provider's token). Cached like keys: a change reaches other replicas within the key
 * cache TTL, this one at once.
 */
@Component
public class TenantStatus {

    private static final String REFUSED = """
            SELECT EXISTS (SELECT 1 FROM tenants WHERE id = :tenant AND suspended_at IS NOT NULL)
                OR EXISTS (SELECT 1 FROM tenant_deletions WHERE tenant_id = :tenant)
            """;

    private final JdbcClient jdbc;
    private final LoadingCache<String, Boolean> cache;
    private final DatabaseRetry retry;

    TenantStatus(JdbcClient jdbc, GatewayProperties properties, DatabaseRetry retry) {
        this.jdbc = jdbc;
        this.retry = retry;
        this.cache = properties.keyCache().build(this::load);
    }

    /** True when the tenant is suspended or was deleted: its console users are refused. */
    public boolean refuses(String tenantId) {
        return cache.get(tenantId);
    }

    void forgetAll() {
        cache.invalidateAll();
    }

    private Boolean load(String tenantId) {
        // Read again after a dropped connection (a PostgreSQL restart) rather than fail a console user's request.
        return retry.call(() -> jdbc.sql(REFUSED).param("tenant", tenantId).query(Boolean.class).single());
    }
}
