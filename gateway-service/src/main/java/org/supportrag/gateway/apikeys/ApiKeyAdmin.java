package org.supportrag.gateway.apikeys;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.gateway.audit.AuditLog;

/**
 * Creates, lists and revokes a tenant's machine API keys. The plaintext key exists only in the create response; the
 * table keeps its SHA-256. Each change and its audit event commit together.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ApiKeyAdmin {

    /** Marks our keys in logs, configs and secret scanners. */
    static final String KEY_PREFIX = "srk_";

    private static final String INSERT = """
            INSERT INTO api_keys (key_hash, tenant_id, name, roles, created_by)
            VALUES (:hash, :tenant, :name, :roles, :createdBy)
            RETURNING id, created_at
            """;

    private static final String LIST = """
            SELECT id, name, roles, created_by, created_at, last_used_at, revoked_at
              FROM api_keys WHERE tenant_id = :tenant ORDER BY created_at DESC, id
            """;

    /** Idempotent: revoking a revoked key keeps its first revocation time. */
    private static final String REVOKE = """
            UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
             WHERE id = :id AND tenant_id = :tenant
            RETURNING key_hash
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApiKeyStore keyStore;
    private final AuditLog auditLog;

    CreatedApiKey create(CallerIdentity caller, HttpServletRequest request, String name, List<String> roles) {
        return transactions.execute(status -> {
            CreatedApiKey created = issue(caller.tenantId(), name, roles, caller.subject());
            auditLog.record(caller, request, "api-key.create", target(created.id()), AuditLog.SUCCESS, null);
            return created;
        });
    }

    /**
     * A new key of {@code tenantId}, in the caller's transaction, for the platform's own flows (bootstrap, a new
     * tenant's first admin); the caller checks the roles and audits.
     */
    public CreatedApiKey issue(String tenantId, String name, List<String> roles, String createdBy) {
        String key = KeyHashes.newKey(KEY_PREFIX);
        return jdbc.sql(INSERT)
            .param("hash", KeyHashes.sha256Hex(key))
            .param("tenant", tenantId)
            .param("name", name)
            .param("roles", roles.toArray(String[]::new))
            .param("createdBy", createdBy)
            .query((rs, row) -> new CreatedApiKey(rs.getObject("id", UUID.class), name, List.copyOf(roles), key,
                    instant(rs, "created_at")))
            .single();
    }

    public List<ApiKeySummary> list(String tenantId) {
        return jdbc.sql(LIST).param("tenant", tenantId).query((rs, row) -> summary(rs)).list();
    }

    /** False when the tenant has no key with this id (another tenant's key included: no existence leak). */
    public boolean revoke(CallerIdentity caller, HttpServletRequest request, UUID id) {
        Optional<String> hash = transactions.execute(status -> {
            Optional<String> revoked = jdbc.sql(REVOKE)
                .param("id", id)
                .param("tenant", caller.tenantId())
                .query(String.class)
                .optional();
            revoked.ifPresent(ignored -> auditLog.record(caller, request, "api-key.revoke", target(id),
                    AuditLog.SUCCESS, null));
            return revoked;
        });
        // After the commit, or a concurrent request could cache the key again as still valid.
        hash.ifPresent(keyStore::evict);
        return hash.isPresent();
    }

    /** Records a refused attempt to create a key (for example a role escalation). */
    void recordRefusedCreate(CallerIdentity caller, HttpServletRequest request) {
        auditLog.record(caller, request, "api-key.create", "api-key", AuditLog.FAILURE, null);
    }

    static String target(UUID id) {
        return "api-key:" + id;
    }

    private static ApiKeySummary summary(ResultSet rs) throws SQLException {
        return new ApiKeySummary(rs.getObject("id", UUID.class), rs.getString("name"), strings(rs.getArray("roles")),
                rs.getString("created_by"), instant(rs, "created_at"), nullableInstant(rs, "last_used_at"),
                nullableInstant(rs, "revoked_at"));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The only response that ever carries the plaintext key. */
    public record CreatedApiKey(UUID id, String name, List<String> roles, String key, Instant createdAt) {
    }

    /** What admins see of a key: never its hash. */
    public record ApiKeySummary(UUID id, String name, List<String> roles, @Nullable String createdBy, Instant createdAt,
            @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
    }
}
