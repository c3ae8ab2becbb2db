package org.supportrag.gateway.apikeys;

import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.gateway.GatewayProperties;

/**
 * Whether any tenant lets its widget run on a browser origin. Answers CORS preflights, which carry no key; the real
 * request is then checked against its own key's origins. Cached like keys (misses included), so a flood of
 * preflights from random origins stays in memory.
 */
@Component
class AllowedOrigins {

    private static final String LOOKUP = """
            SELECT EXISTS (SELECT 1 FROM widget_keys w, unnest(w.allowed_origins) AS origin
                            WHERE w.revoked_at IS NULL AND (w.expires_at IS NULL OR w.expires_at > now())
                              AND rtrim(lower(origin), '/') = :origin)
            """;

    /** Subdomain wildcard origins of working keys (few: only keys that explicitly allow them have any). */
    private static final String WILDCARDS = """
            SELECT DISTINCT origin FROM widget_keys w, unnest(w.allowed_origins) AS origin
             WHERE w.revoked_at IS NULL AND (w.expires_at IS NULL OR w.expires_at > now()) AND origin LIKE '%://*.%'
            """;

    static final int MAX_ORIGIN_LENGTH = 300;

    private final JdbcClient jdbc;
    private final LoadingCache<String, Boolean> cache;
    private final DatabaseRetry retry;

    AllowedOrigins(JdbcClient jdbc, GatewayProperties properties, DatabaseRetry retry) {
        this.jdbc = jdbc;
        this.retry = retry;
        this.cache = properties.keyCache().build(this::load);
    }

    public boolean isAllowed(String origin) {
        if (origin.isBlank() || origin.length() > MAX_ORIGIN_LENGTH) {
            return false;
        }
        return cache.get(ResolvedKey.normalizeOrigin(origin));
    }

    private Boolean load(String origin) {
        // Read again after a dropped connection (a PostgreSQL restart) rather than fail the widget's preflight.
        return retry.call(() -> lookup(origin));
    }

    private boolean lookup(String origin) {
        return jdbc.sql(LOOKUP).param("origin", origin).query(Boolean.class).single()
                || jdbc.sql(WILDCARDS).query(String.class).list().stream()
                    .anyMatch(pattern -> ResolvedKey.matchesWildcard(pattern, origin));
    }
}
