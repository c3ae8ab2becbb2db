package org.supportrag.gateway.apikeys;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.gateway.GatewayProperties;

/**
 * Resolves API keys against {@code gateway.widget_keys} and {@code gateway.api_keys}. Lookups, including misses,
 * are cached briefly so a flood of requests (or of wrong keys) does not become a flood of queries; a revocation
 * therefore takes effect within {@code rag.gateway.key-cache-ttl}.
 */
@Component
class ApiKeyStore {

    /** Longer "keys" are garbage: refuse them before hashing or caching. */
    static final int MAX_KEY_LENGTH = 200;

    /** A rotated widget key works until its expires_at (the overlap); a suspended tenant's keys resolve as such. */
    private static final String LOOKUP = """
            SELECT 'widget' AS kind, w.tenant_id, w.allowed_origins AS origins, NULL::text[] AS roles,
                   NULL::text AS name, t.suspended_at IS NOT NULL AS suspended
              FROM widget_keys w JOIN tenants t ON t.id = w.tenant_id
             WHERE w.key_hash = :hash AND w.revoked_at IS NULL AND (w.expires_at IS NULL OR w.expires_at > now())
            UNION ALL
            SELECT 'api', a.tenant_id, NULL::text[], a.roles, a.name, t.suspended_at IS NOT NULL
              FROM api_keys a JOIN tenants t ON t.id = a.tenant_id
             WHERE a.key_hash = :hash AND a.revoked_at IS NULL
            """;

    private static final String TOUCH = "UPDATE api_keys SET last_used_at = now() WHERE key_hash = :hash";

    private final JdbcClient jdbc;
    private final BootstrapCredential bootstrap;
    private final Cache<String, Optional<ResolvedKey>> cache;
    private final DatabaseRetry retry;

    ApiKeyStore(JdbcClient jdbc, BootstrapCredential bootstrap, GatewayProperties properties, DatabaseRetry retry) {
        this.jdbc = jdbc;
        this.bootstrap = bootstrap;
        this.cache = properties.keyCache().build();
        this.retry = retry;
    }

    /** The key's grant, or empty when it is unknown, revoked or malformed. */
    public Optional<ResolvedKey> resolve(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return cache.get(KeyHashes.sha256Hex(key), this::load);
    }

    /** Forgets a key's cached grant on this replica, so a revocation bites at once here (others within the TTL). */
    public void evict(String keyHash) {
        cache.invalidate(keyHash);
    }

    /** Forgets every cached grant on this replica: after a change that affects many keys (a tenant suspended). */
    public void evictAll() {
        cache.invalidateAll();
    }

    private Optional<ResolvedKey> load(String hash) {
        Optional<ResolvedKey> bootstrapKey = bootstrap.resolve(hash);
        if (bootstrapKey.isPresent()) {
            return bootstrapKey;
        }
        // Read again after a dropped connection (a PostgreSQL restart) rather than answer the request 503.
        List<ResolvedKey> keys = retry.call(
                () -> jdbc.sql(LOOKUP).param("hash", hash).query((rs, row) -> map(rs, hash)).list());
        Optional<ResolvedKey> key = keys.stream().findFirst();
        if (key.isPresent() && key.get() instanceof ResolvedKey.Admin) {
            // Once per cache load, not per request: last_used_at is accurate to the cache TTL.
            retry.run(() -> jdbc.sql(TOUCH).param("hash", hash).update());
        }
        return key;
    }

    private static ResolvedKey map(ResultSet rs, String hash) throws SQLException {
        String fingerprint = KeyHashes.fingerprint(hash);
        String tenant = rs.getString("tenant_id");
        if (rs.getBoolean("suspended")) {
            return new ResolvedKey.Suspended(tenant, fingerprint);
        }
        if ("widget".equals(rs.getString("kind"))) {
            return new ResolvedKey.Widget(tenant, fingerprint, Set.copyOf(strings(rs.getArray("origins"))));
        }
        return new ResolvedKey.Admin(tenant, fingerprint, rs.getString("name"), Set.copyOf(strings(rs.getArray("roles"))));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).filter(Objects::nonNull).map(String::valueOf).toList();
    }
}
