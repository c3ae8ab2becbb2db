package org.supportrag.eval.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.eval.answers.CaseResult;

@Repository
class RunRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final String VIEW = """
            SELECT r.id, d.name AS dataset, d.version AS dataset_version, r.dataset_id, r.variant_name,
                   r.variant::text AS variant, r.knowledge_base, r.status, r.total, r.metrics::text AS metrics,
                   r.error, r.created_by, r.created_at, r.started_at, r.finished_at,
                   (SELECT count(*) FROM run_items i WHERE i.run_id = r.id AND i.status = 'done') AS done,
                   (SELECT count(*) FROM run_items i WHERE i.run_id = r.id AND i.error IS NOT NULL) AS failed
              FROM runs r JOIN datasets d ON d.id = r.dataset_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run a worker owns until its lease ends. */
    record ClaimedRun(UUID id, String tenantId, UUID datasetId, Variant variant, @Nullable String knowledgeBase) {
    }

    @Transactional
    void create(UUID id, String tenantId, UUID datasetId, Variant variant, @Nullable String knowledgeBase,
            List<String> itemKeys, String createdBy) {
        jdbc.sql("""
                INSERT INTO runs (id, tenant_id, dataset_id, variant_name, variant, knowledge_base, status, total,
                                  created_by)
                VALUES (:id, :tenant, :dataset, :name, CAST(:variant AS jsonb), :kb, 'queued', :total, :by)
                """)
            .param("id", id)
            .param("tenant", tenantId)
            .param("dataset", datasetId)
            .param("name", variant.name())
            .param("variant", json.writeValueAsString(variant))
            .param("kb", knowledgeBase)
            .param("total", itemKeys.size())
            .param("by", createdBy)
            .update();
        for (int i = 0; i < itemKeys.size(); i++) {
            jdbc.sql("INSERT INTO run_items (run_id, item_key, position, status) VALUES (:run, :key, :pos, 'pending')")
                .param("run", id)
                .param("key", itemKeys.get(i))
                .param("pos", i)
                .update();
        }
    }

    /** Takes the oldest run nobody works on (queued, or running with an expired lease: its worker stopped). */
    Optional<ClaimedRun> claim(Duration lease) {
        return jdbc.sql("""
                UPDATE runs SET status = 'running', lease_until = now() + make_interval(secs => :lease),
                                started_at = coalesce(started_at, now())
                 WHERE id = (SELECT id FROM runs
                              WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
                              ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, tenant_id, dataset_id, variant::text AS variant, knowledge_base
                """)
            .param("lease", (double) lease.toSeconds())
            .query((rs, row) -> new ClaimedRun(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                    rs.getObject("dataset_id", UUID.class), json.readValue(rs.getString("variant"), Variant.class),
                    rs.getString("knowledge_base")))
            .optional();
    }

    /** Extends the lease; false when the run is no longer running (cancelled) so the worker stops. */
    boolean renew(UUID runId, Duration lease) {
        return jdbc.sql("UPDATE runs SET lease_until = now() + make_interval(secs => :lease) "
                + "WHERE id = :id AND status = 'running'")
            .param("lease", (double) lease.toSeconds())
            .param("id", runId)
            .update() == 1;
    }

    List<String> pendingItems(UUID runId) {
        return jdbc.sql("SELECT item_key FROM run_items WHERE run_id = :run AND status = 'pending' ORDER BY position")
            .param("run", runId)
            .query(String.class)
            .list();
    }

    /** Records an item's result once: a second worker finishing the same item changes nothing. */
    boolean record(UUID runId, CaseResult result, String line) {
        return jdbc.sql("""
                UPDATE run_items SET status = 'done', result = CAST(:result AS jsonb), confidence = :confidence,
                                     escalated = :escalated, latency_ms = :latency, cost_usd = :cost, error = :error,
                                     finished_at = now()
                 WHERE run_id = :run AND item_key = :key AND status = 'pending'
                """)
            .param("result", line)
            .param("confidence", result.confidence())
            .param("escalated", result.escalated())
            .param("latency", result.latencyMs())
            .param("cost", result.costUsd())
            .param("error", result.error())
            .param("run", runId)
            .param("key", result.id())
            .update() == 1;
    }

    void complete(UUID runId, Map<String, Object> metrics) {
        jdbc.sql("UPDATE runs SET status = 'completed', metrics = CAST(:metrics AS jsonb), lease_until = NULL, "
                + "finished_at = now() WHERE id = :id AND status = 'running'")
            .param("metrics", json.writeValueAsString(metrics))
            .param("id", runId)
            .update();
    }

    void fail(UUID runId, String error) {
        jdbc.sql("UPDATE runs SET status = 'failed', error = :error, lease_until = NULL, finished_at = now() "
                + "WHERE id = :id AND status = 'running'")
            .param("error", error)
            .param("id", runId)
            .update();
    }

    boolean cancel(String tenantId, UUID runId) {
        return jdbc.sql("UPDATE runs SET status = 'cancelled', lease_until = NULL, finished_at = now() "
                + "WHERE id = :id AND tenant_id = :tenant AND status IN ('queued', 'running')")
            .param("id", runId)
            .param("tenant", tenantId)
            .update() == 1;
    }

    Optional<RunView> find(String tenantId, UUID runId) {
        return jdbc.sql(VIEW + " WHERE r.tenant_id = :tenant AND r.id = :id")
            .param("tenant", tenantId)
            .param("id", runId)
            .query((rs, row) -> view(rs))
            .optional();
    }

    List<RunView> list(String tenantId, int limit) {
        return jdbc.sql(VIEW + " WHERE r.tenant_id = :tenant ORDER BY r.created_at DESC LIMIT :limit")
            .param("tenant", tenantId)
            .param("limit", limit)
            .query((rs, row) -> view(rs))
            .list();
    }

    /** The results-file lines of the finished items, in dataset order. */
    List<String> results(UUID runId) {
        return jdbc.sql("SELECT result::text FROM run_items WHERE run_id = :run AND status = 'done' ORDER BY position")
            .param("run", runId)
            .query(String.class)
            .list();
    }

    /** Every item with its status, and its result once done. */
    List<Map<String, Object>> items(UUID runId) {
        return jdbc.sql("SELECT item_key, status, result::text AS result FROM run_items WHERE run_id = :run "
                + "ORDER BY position")
            .param("run", runId)
            .query((rs, row) -> {
                String result = rs.getString("result");
                Map<String, Object> item = result == null ? new java.util.LinkedHashMap<>()
                        : new java.util.LinkedHashMap<>(json.readValue(result, OBJECT));
                item.put("id", rs.getString("item_key"));
                item.put("status", rs.getString("status"));
                return item;
            })
            .list();
    }

    private RunView view(ResultSet rs) throws SQLException {
        String metrics = rs.getString("metrics");
        return new RunView(rs.getObject("id", UUID.class), rs.getString("dataset"), rs.getInt("dataset_version"),
                rs.getObject("dataset_id", UUID.class), json.readValue(rs.getString("variant"), Variant.class),
                rs.getString("knowledge_base"), rs.getString("status"), rs.getInt("total"), rs.getInt("done"),
                rs.getInt("failed"), metrics == null ? null : json.readValue(metrics, OBJECT), rs.getString("error"),
                rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
                nullableInstant(rs.getTimestamp("started_at")), nullableInstant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }

    private static @Nullable Instant nullableInstant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
