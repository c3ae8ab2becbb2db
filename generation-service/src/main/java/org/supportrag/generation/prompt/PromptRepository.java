package org.supportrag.generation.prompt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.generation.prompt.ResolvedPrompts.ResolvedPrompt;

/**
 * Prompt templates, labels, label history and canary settings in schema {@code generation}. A {@code null} tenant
 * is the global scope.
 */
@Repository
@RequiredArgsConstructor
class PromptRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    /** Stores version 1 of a global template labelled production, unless the template has any global version. */
    @Transactional
    boolean seedGlobal(String name, String body) {
        lock(name, null);
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM prompt_templates WHERE name = ? AND tenant_id IS NULL)")
            .param(name)
            .query(Boolean.class)
            .single();
        if (exists) {
            return false;
        }
        insertVersion(name, null, 1, body, "seed");
        moveLabel(name, null, PromptNames.PRODUCTION, 1, "seed", null, null);
        return true;
    }

    /** Stores the next version of a template in a scope and returns its number. */
    @Transactional
    int createVersion(String name, @Nullable String tenantId, String body, String createdBy) {
        lock(name, tenantId);
        int version = jdbc.sql("""
                SELECT COALESCE(MAX(version), 0) + 1 FROM prompt_templates
                WHERE name = :name AND tenant_id IS NOT DISTINCT FROM :tenant""")
            .param("name", name)
            .param("tenant", tenantId)
            .query(Integer.class)
            .single();
        insertVersion(name, tenantId, version, body, createdBy);
        return version;
    }

    boolean versionExists(String name, @Nullable String tenantId, int version) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM prompt_templates
                               WHERE name = :name AND tenant_id IS NOT DISTINCT FROM :tenant AND version = :version)""")
            .param("name", name)
            .param("tenant", tenantId)
            .param("version", version)
            .query(Boolean.class)
            .single();
    }

    /** Points a label at a version and records the move. */
    @Transactional
    void promote(String name, @Nullable String tenantId, String label, int version, String by,
            @Nullable Map<String, Object> gate, @Nullable String overrideReason) {
        lock(name, tenantId);
        moveLabel(name, tenantId, label, version, by, gate, overrideReason);
    }

    /**
     * Points a label back at the version it pointed to before its latest move, marking that move as rolled back.
     * Returns the version now labelled, or empty when the label has no earlier version.
     */
    @Transactional
    Optional<Integer> rollback(String name, @Nullable String tenantId, String label, String by) {
        lock(name, tenantId);
        List<HistoryEntry> latest = jdbc.sql("""
                SELECT id, version FROM prompt_label_history
                WHERE name = :name AND tenant_id IS NOT DISTINCT FROM :tenant AND label = :label AND NOT rolled_back
                ORDER BY id DESC LIMIT 2""")
            .param("name", name)
            .param("tenant", tenantId)
            .param("label", label)
            .query((row, number) -> new HistoryEntry(row.getLong("id"), row.getInt("version")))
            .list();
        if (latest.size() < 2) {
            return Optional.empty();
        }
        jdbc.sql("UPDATE prompt_label_history SET rolled_back = true WHERE id = ?").param(latest.get(0).id()).update();
        int version = latest.get(1).version();
        upsertLabel(name, tenantId, label, version, by);
        return Optional.of(version);
    }

    /** Every move of a label in a scope, newest first, with the gate verdict and override reason it was made with. */
    List<HistoryView> history(String name, @Nullable String tenantId, String label) {
        return jdbc.sql("""
                SELECT version, changed_at, changed_by, rolled_back, gate::text AS gate, override_reason
                  FROM prompt_label_history
                 WHERE name = :name AND tenant_id IS NOT DISTINCT FROM :tenant AND label = :label
                 ORDER BY id DESC LIMIT 100""")
            .param("name", name)
            .param("tenant", tenantId)
            .param("label", label)
            .query((row, number) -> new HistoryView(row.getInt("version"), row.getTimestamp("changed_at").toInstant(),
                    row.getString("changed_by"), row.getBoolean("rolled_back"),
                    row.getString("gate") == null ? null : json.readValue(row.getString("gate"), Map.class),
                    row.getString("override_reason")))
            .list();
    }

    /** Versions of every template of the global scope and of the tenant's, with their labels. */
    List<TemplateVersion> versions(String tenantId) {
        return inScope(tenantId, "name, tenant_id, version, body, created_at, created_by", "prompt_templates",
                "version", PromptRepository::templateVersion);
    }

    List<LabelView> labels(String tenantId) {
        return inScope(tenantId, "name, tenant_id, label, version, updated_at, updated_by", "prompt_labels", "label",
                (row, number) -> new LabelView(row.getString("name"), row.getString("tenant_id"),
                        row.getString("label"), row.getInt("version"), row.getTimestamp("updated_at").toInstant(),
                        row.getString("updated_by")));
    }

    /** The rows a tenant sees of a prompt table: the global scope's and its own, by name, the global one first. */
    private <T> List<T> inScope(String tenantId, String columns, String table, String thenBy, RowMapper<T> rows) {
        return jdbc.sql("SELECT " + columns + " FROM " + table + " WHERE tenant_id IS NULL OR tenant_id = :tenant"
                + " ORDER BY name, tenant_id NULLS FIRST, " + thenBy)
            .param("tenant", tenantId)
            .query(rows)
            .list();
    }

    /**
     * The version of every template for a turn, first match wins: the tenant's {@code label}, the global
     * {@code label}, the tenant's production, the global production.
     */
    Map<String, ResolvedPrompt> resolve(String tenantId, String label) {
        Map<String, ResolvedPrompt> resolved = new HashMap<>();
        jdbc.sql("""
                SELECT DISTINCT ON (l.name) l.name, l.tenant_id, l.label, t.version, t.body
                FROM prompt_labels l
                JOIN prompt_templates t
                  ON t.name = l.name AND t.tenant_id IS NOT DISTINCT FROM l.tenant_id AND t.version = l.version
                WHERE (l.tenant_id IS NULL OR l.tenant_id = :tenant) AND l.label IN (:label, 'production')
                ORDER BY l.name, (l.label = :label) DESC, (l.tenant_id IS NOT NULL) DESC""")
            .param("tenant", tenantId)
            .param("label", label)
            .query((row, number) -> new ResolvedPrompt(row.getString("name"), scope(row.getString("tenant_id")),
                    row.getInt("version"), row.getString("label"), row.getString("body")))
            .list()
            .forEach(prompt -> resolved.put(prompt.name(), prompt));
        return resolved;
    }

    /** The tenant's canary share, else the global one, else 0. */
    int canaryPercent(String tenantId) {
        return jdbc.sql("""
                SELECT canary_percent FROM prompt_settings WHERE tenant_id IS NULL OR tenant_id = :tenant
                ORDER BY tenant_id NULLS LAST LIMIT 1""")
            .param("tenant", tenantId)
            .query(Integer.class)
            .optional()
            .orElse(0);
    }

    @Nullable Integer canaryPercentOf(@Nullable String tenantId) {
        return jdbc.sql("SELECT canary_percent FROM prompt_settings WHERE tenant_id IS NOT DISTINCT FROM :tenant")
            .param("tenant", tenantId)
            .query(Integer.class)
            .optional()
            .orElse(null);
    }

    void setCanaryPercent(@Nullable String tenantId, int percent, String by) {
        jdbc.sql("""
                INSERT INTO prompt_settings (tenant_id, canary_percent, updated_by) VALUES (:tenant, :percent, :by)
                ON CONFLICT (COALESCE(tenant_id, '')) DO UPDATE
                SET canary_percent = EXCLUDED.canary_percent, updated_by = EXCLUDED.updated_by,
                    updated_at = clock_timestamp()""")
            .param("tenant", tenantId)
            .param("percent", percent)
            .param("by", by)
            .update();
    }

    static String scope(@Nullable String tenantId) {
        return tenantId == null ? PromptScope.GLOBAL.value() : PromptScope.TENANT.value();
    }

    // Serializes version numbering and label moves per template and scope, across replicas.
    private void lock(String name, @Nullable String tenantId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('prompt:' || :name), hashtext(COALESCE(:tenant, '')))")
            .param("name", name)
            .param("tenant", tenantId)
            .query((row, number) -> 1)
            .list();
    }

    private void insertVersion(String name, @Nullable String tenantId, int version, String body, String by) {
        jdbc.sql("""
                INSERT INTO prompt_templates (name, tenant_id, version, body, created_by)
                VALUES (:name, :tenant, :version, :body, :by)""")
            .param("name", name)
            .param("tenant", tenantId)
            .param("version", version)
            .param("body", body)
            .param("by", by)
            .update();
    }

    private void moveLabel(String name, @Nullable String tenantId, String label, int version, String by,
            @Nullable Map<String, Object> gate, @Nullable String overrideReason) {
        upsertLabel(name, tenantId, label, version, by);
        labelMove("""
                INSERT INTO prompt_label_history (name, tenant_id, label, version, changed_by, gate, override_reason)
                VALUES (:name, :tenant, :label, :version, :by, CAST(:gate AS jsonb), :reason)""",
                name, tenantId, label, version, by)
            .param("gate", gate == null ? null : json.writeValueAsString(gate))
            .param("reason", overrideReason)
            .update();
    }

    private void upsertLabel(String name, @Nullable String tenantId, String label, int version, String by) {
        labelMove("""
                INSERT INTO prompt_labels (name, tenant_id, label, version, updated_by)
                VALUES (:name, :tenant, :label, :version, :by)
                ON CONFLICT (name, COALESCE(tenant_id, ''), label) DO UPDATE
                SET version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, updated_at = clock_timestamp()""",
                name, tenantId, label, version, by)
            .update();
    }

    /** A statement about moving a label, with {@code :name :tenant :label :version :by} bound. */
    private StatementSpec labelMove(String sql, String name, @Nullable String tenantId, String label, int version,
            String by) {
        return jdbc.sql(sql)
            .param("name", name)
            .param("tenant", tenantId)
            .param("label", label)
            .param("version", version)
            .param("by", by);
    }

    private static TemplateVersion templateVersion(ResultSet row, int number) throws SQLException {
        return new TemplateVersion(row.getString("name"), row.getString("tenant_id"), row.getInt("version"),
                row.getString("body"), row.getTimestamp("created_at").toInstant(), row.getString("created_by"));
    }

    private record HistoryEntry(long id, int version) {
    }

    record TemplateVersion(String name, @Nullable String tenantId, int version, String body, Instant createdAt,
            String createdBy) {
    }

    record HistoryView(int version, Instant changedAt, String changedBy, boolean rolledBack,
            @Nullable Map<?, ?> gate, @Nullable String overrideReason) {
    }

    record LabelView(String name, @Nullable String tenantId, String label, int version, Instant updatedAt,
            String updatedBy) {
    }
}
