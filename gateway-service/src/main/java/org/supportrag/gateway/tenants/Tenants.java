package org.supportrag.gateway.tenants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.gateway.apikeys.PlatformAccess;

/**
 * The {@code tenants} table as the platform API sees it: the reserved platform tenant is never found, listed or
 * changed here. Methods run in the caller's transaction.
 */
@Component
@RequiredArgsConstructor
class Tenants {

    /** Services that hold tenant data outside the gateway and must purge a deleted tenant's rows. */
    static final List<String> DATA_SERVICES = List.of("ingestion", "retrieval", "generation", "eval");

    private static final String COLUMNS = "id, name, created_at, suspended_at";

    private final JdbcClient jdbc;

    List<Tenant> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenants WHERE id <> :platform ORDER BY created_at, id")
            .param("platform", PlatformAccess.TENANT)
            .query((rs, row) -> tenant(rs))
            .list();
    }

    Optional<Tenant> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenants WHERE id = :id AND id <> :platform")
            .param("id", id)
            .param("platform", PlatformAccess.TENANT)
            .query((rs, row) -> tenant(rs))
            .optional();
    }

    /** Empty when the id is taken, reserved or was used by a deleted tenant (its data may not be purged yet). */
    Optional<Tenant> create(String id, String name) {
        if (id.equals(PlatformAccess.TENANT)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                INSERT INTO tenants (id, name)
                SELECT :id, :name WHERE NOT EXISTS (SELECT 1 FROM tenant_deletions WHERE tenant_id = :id)
                ON CONFLICT (id) DO NOTHING
                RETURNING """ + " " + COLUMNS)
            .param("id", id)
            .param("name", name)
            .query((rs, row) -> tenant(rs))
            .optional();
    }

    Optional<Tenant> rename(String id, String name) {
        return update("name = :value", id, name);
    }

    /** Idempotent: suspending a suspended tenant keeps the first suspension time. */
    Optional<Tenant> suspend(String id) {
        return update("suspended_at = coalesce(suspended_at, now())", id, null);
    }

    Optional<Tenant> resume(String id) {
        return update("suspended_at = NULL", id, null);
    }

    /**
     * Removes the tenant's gateway rows (its keys, limits and end-user key go with it) and records the deletion: the
     * id cannot be reused, and the services listed as pending still hold data to purge. Audit events stay.
     */
    Optional<Deletion> delete(String id, String requestedBy) {
        Optional<Tenant> tenant = find(id);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        Deletion deletion = jdbc.sql("""
                INSERT INTO tenant_deletions (tenant_id, name, requested_by, pending_services)
                VALUES (:id, :name, :by, :pending)
                RETURNING requested_at
                """)
            .param("id", id)
            .param("name", tenant.get().name())
            .param("by", requestedBy)
            .param("pending", DATA_SERVICES.toArray(String[]::new))
            .query((rs, row) -> new Deletion(id, instant(rs, "requested_at"), DATA_SERVICES))
            .single();
        jdbc.sql("DELETE FROM tenants WHERE id = :id").param("id", id).update();
        return Optional.of(deletion);
    }

    private Optional<Tenant> update(String assignment, String id, @Nullable String value) {
        return jdbc.sql("UPDATE tenants SET " + assignment + " WHERE id = :id AND id <> :platform RETURNING " + COLUMNS)
            .param("id", id)
            .param("platform", PlatformAccess.TENANT)
            .param("value", value)
            .query((rs, row) -> tenant(rs))
            .optional();
    }

    private static Tenant tenant(ResultSet rs) throws SQLException {
        OffsetDateTime suspended = rs.getObject("suspended_at", OffsetDateTime.class);
        return new Tenant(rs.getString("id"), rs.getString("name"), suspended == null ? "active" : "suspended",
                instant(rs, "created_at"), suspended == null ? null : suspended.toInstant());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** @param status {@code active} or {@code suspended} (its keys are refused) */
    record Tenant(String id, String name, String status, Instant createdAt, @Nullable Instant suspendedAt) {
    }

    /**
     * A tenant's deletion: its gateway rows are gone; {@code pendingServices} still hold its data until purged.
     */
    record Deletion(String tenantId, Instant requestedAt, List<String> pendingServices) {
    }
}
