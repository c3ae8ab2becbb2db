package org.supportrag.gateway.tenants;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.gateway.apikeys.KeyHashes;

/**
 * The {@code widget_keys} of one tenant. The plaintext key exists only in the create and rotate responses; the table
 * keeps its SHA-256. Methods run in the caller's transaction and never touch another tenant's keys.
 */
@Component
@RequiredArgsConstructor
class WidgetKeys {

    /** Marks our widget keys (public, but still worth telling apart from admin keys in a scanner). */
    static final String KEY_PREFIX = "srw_";

    private static final String COLUMNS = """
            id, name, allowed_origins, allow_wildcard_origins, created_by, created_at, expires_at, revoked_at, replaced_by,
            revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AS active
            """;

    private final JdbcClient jdbc;

    Created create(String tenantId, String name, List<String> origins, boolean wildcards, String createdBy) {
        String key = KeyHashes.newKey(KEY_PREFIX);
        WidgetKey created = jdbc.sql("""
                INSERT INTO widget_keys (key_hash, tenant_id, name, allowed_origins, allow_wildcard_origins, created_by)
                VALUES (:hash, :tenant, :name, :origins, :wildcards, :createdBy)
                RETURNING""" + " " + COLUMNS)
            .param("hash", KeyHashes.sha256Hex(key))
            .param("tenant", tenantId)
            .param("name", name)
            .param("origins", origins.toArray(String[]::new))
            .param("wildcards", wildcards)
            .param("createdBy", createdBy)
            .query((rs, row) -> widgetKey(rs))
            .single();
        return new Created(created, key);
    }

    List<WidgetKey> list(String tenantId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM widget_keys WHERE tenant_id = :tenant ORDER BY created_at DESC, id")
            .param("tenant", tenantId)
            .query((rs, row) -> widgetKey(rs))
            .list();
    }

    /** Only a key that still works can change; empty for another tenant's, revoked or expired keys. */
    Optional<WidgetKey> setOrigins(String tenantId, UUID id, List<String> origins, boolean wildcards) {
        return jdbc.sql("UPDATE widget_keys SET allowed_origins = :origins, allow_wildcard_origins = :wildcards"
                + " WHERE id = :id AND tenant_id = :tenant "
                + "AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) RETURNING " + COLUMNS)
            .param("origins", origins.toArray(String[]::new))
            .param("wildcards", wildcards)
            .param("id", id)
            .param("tenant", tenantId)
            .query((rs, row) -> widgetKey(rs))
            .optional();
    }

    /**
     * Ends a working, not yet rotated key after {@code overlap}; returns its name, origins and hash for the successor.
     */
    Optional<Rotated> retire(String tenantId, UUID id, Duration overlap) {
        return jdbc.sql("""
                UPDATE widget_keys SET expires_at = now() + make_interval(secs => :seconds)
                 WHERE id = :id AND tenant_id = :tenant AND replaced_by IS NULL
                   AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
                RETURNING name, allowed_origins, allow_wildcard_origins, key_hash
                """)
            .param("seconds", overlap.toSeconds())
            .param("id", id)
            .param("tenant", tenantId)
            .query((rs, row) -> new Rotated(rs.getString("name"), strings(rs.getArray("allowed_origins")),
                    rs.getBoolean("allow_wildcard_origins"), rs.getString("key_hash")))
            .optional();
    }

    void linkSuccessor(UUID id, UUID successor) {
        jdbc.sql("UPDATE widget_keys SET replaced_by = :successor WHERE id = :id")
            .param("successor", successor)
            .param("id", id)
            .update();
    }

    /** The revoked key's hash; empty for another tenant's key. Idempotent: keeps the first revocation time. */
    Optional<String> revoke(String tenantId, UUID id) {
        return jdbc.sql("UPDATE widget_keys SET revoked_at = coalesce(revoked_at, now()) "
                + "WHERE id = :id AND tenant_id = :tenant RETURNING key_hash")
            .param("id", id)
            .param("tenant", tenantId)
            .query(String.class)
            .optional();
    }

    private static WidgetKey widgetKey(ResultSet rs) throws SQLException {
        return new WidgetKey(rs.getObject("id", UUID.class), rs.getString("name"),
                strings(rs.getArray("allowed_origins")), rs.getBoolean("allow_wildcard_origins"),
                rs.getString("created_by"), Tenants.instant(rs, "created_at"),
                nullableInstant(rs, "expires_at"), nullableInstant(rs, "revoked_at"),
                rs.getObject("replaced_by", UUID.class), rs.getBoolean("active"));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * What admins see of a widget key: never its hash.
     *
     * @param allowWildcardOrigins whether its origins may include subdomain wildcards ({@code https://*.example.com})
     * @param expiresAt when a rotated key stops working (the end of the overlap)
     * @param replacedBy the key it was rotated to
     * @param active whether it works now (not revoked, not past its overlap)
     */
    record WidgetKey(UUID id, @Nullable String name, List<String> allowedOrigins, boolean allowWildcardOrigins,
            @Nullable String createdBy,
            Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable UUID replacedBy,
            boolean active) {
    }

    record Created(WidgetKey widgetKey, String key) {
    }

    record Rotated(@Nullable String name, List<String> allowedOrigins, boolean allowWildcardOrigins, String keyHash) {
    }
}
