package org.supportrag.eval.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.eval.v1.PromptGateStatus;
import org.supportrag.eval.answers.CaseResult;

@Repository
@RequiredArgsConstructor
class RunRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
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
    boolean record(UUID runId, CaseResult result, String line, List<Map<String, Object>> promptVersions) {
        return jdbc.sql("""
                UPDATE run_items SET status = 'done', result = CAST(:result AS jsonb), confidence = :confidence,
                                     escalated = :escalated, latency_ms = :latency, cost_usd = :cost, error = :error,
                                     prompt_versions = CAST(:prompts AS jsonb), finished_at = now()
                 WHERE run_id = :run AND item_key = :key AND status = 'pending'
                """)
            .param("result", line)
            .param("prompts", promptVersions.isEmpty() ? null : json.writeValueAsString(promptVersions))
            .param("confidence", result.confidence())
            .param("escalated", result.escalated())
            .param("latency", result.latencyMs())
            .param("cost", result.costUsd())
            .param("error", result.error())
            .param("run", runId)
            .param("key", result.id())
            .update() == 1;
    }

    /** Records a BEIR query's line once. */
    boolean recordLine(UUID runId, String key, Map<String, Object> line) {
        return jdbc.sql("""
                UPDATE run_items SET status = 'done', result = CAST(:result AS jsonb), latency_ms = :latency,
                                     error = :error, finished_at = now()
                 WHERE run_id = :run AND item_key = :key AND status = 'pending'
                """)
            .param("result", json.writeValueAsString(line))
            .param("latency", ((Number) Objects.requireNonNull(line.get("latency_ms"), "latency_ms")).doubleValue())
            .param("error", line.get("error"))
            .param("run", runId)
            .param("key", key)
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

    /** The distinct prompt versions ({@code name}, {@code scope}, {@code version}) the run's answers used. */
    List<Map<String, Object>> promptVersions(UUID runId) {
        return jdbc.sql("""
                SELECT DISTINCT jsonb_build_object('name', p ->> 'name', 'scope', p ->> 'scope',
                                                   'version', (p ->> 'version')::int)::text
                  FROM run_items, jsonb_array_elements(prompt_versions) p
                 WHERE run_id = :run AND prompt_versions IS NOT NULL""")
            .param("run", runId)
            .query(String.class)
            .list()
            .stream()
            .map(text -> json.readValue(text, OBJECT))
            .sorted(java.util.Comparator.comparing(Object::toString))
            .toList();
    }

    void recordGate(UUID id, String tenantId, UUID baseline, UUID candidate, UUID datasetId, boolean passed,
            List<String> failedMetrics, Map<String, Object> verdict, List<Map<String, Object>> promptVersions,
            String judgeMode, String createdBy) {
        jdbc.sql("""
                INSERT INTO gate_verdicts (id, tenant_id, baseline_run, candidate_run, dataset_id, passed,
                                           failed_metrics, verdict, prompt_versions, judge_mode, created_by)
                VALUES (:id, :tenant, :baseline, :candidate, :dataset, :passed, CAST(:failed AS jsonb),
                        CAST(:verdict AS jsonb), CAST(:prompts AS jsonb), :judge, :by)""")
            .param("id", id)
            .param("tenant", tenantId)
            .param("baseline", baseline)
            .param("candidate", candidate)
            .param("dataset", datasetId)
            .param("passed", passed)
            .param("failed", json.writeValueAsString(failedMetrics))
            .param("verdict", json.writeValueAsString(verdict))
            .param("prompts", json.writeValueAsString(promptVersions))
            .param("judge", judgeMode)
            .param("by", createdBy)
            .update();
    }

    /** The tenant's latest gate verdict whose candidate used the template version. */
    Optional<PromptGateStatus> latestGate(String tenantId, String name, String scope, int version) {
        return jdbc.sql("""
                SELECT g.id, g.baseline_run, g.candidate_run, g.passed, g.failed_metrics::text AS failed,
                       g.verdict -> 'summary' AS summary, g.created_at, d.name || ' v' || d.version AS dataset
                  FROM gate_verdicts g JOIN datasets d ON d.id = g.dataset_id
                 WHERE g.tenant_id = :tenant AND g.prompt_versions @> CAST(:needle AS jsonb)
                 ORDER BY g.created_at DESC LIMIT 1""")
            .param("tenant", tenantId)
            .param("needle", json.writeValueAsString(List.of(Map.of("name", name, "scope", scope, "version",
                    version))))
            .query((rs, row) -> {
                List<String> failed = json.readValue(rs.getString("failed"), STRINGS);
                String summary = rs.getString("summary");
                List<String> lines = summary == null ? List.of() : json.readValue(summary, STRINGS);
                return new PromptGateStatus(rs.getBoolean("passed") ? PromptGateStatus.PASSED
                        : PromptGateStatus.FAILED, rs.getObject("id", UUID.class),
                        rs.getObject("baseline_run", UUID.class), rs.getObject("candidate_run", UUID.class),
                        rs.getString("dataset"), failed, lines.isEmpty() ? null : String.join("; ", lines),
                        instant(rs.getTimestamp("created_at")));
            })
            .optional();
    }

    List<Map<String, Object>> gates(String tenantId, int limit) {
        return jdbc.sql("""
                SELECT g.id, g.baseline_run, g.candidate_run, g.passed, g.failed_metrics::text AS failed,
                       g.prompt_versions::text AS prompts, g.judge_mode, g.created_by, g.created_at,
                       d.name AS dataset, d.version AS dataset_version
                  FROM gate_verdicts g JOIN datasets d ON d.id = g.dataset_id
                 WHERE g.tenant_id = :tenant ORDER BY g.created_at DESC LIMIT :limit""")
            .param("tenant", tenantId)
            .param("limit", limit)
            .query((rs, row) -> {
                Map<String, Object> gate = new java.util.LinkedHashMap<>();
                gate.put("id", rs.getObject("id", UUID.class));
                gate.put("baseline", rs.getObject("baseline_run", UUID.class));
                gate.put("candidate", rs.getObject("candidate_run", UUID.class));
                gate.put("dataset", rs.getString("dataset"));
                gate.put("datasetVersion", rs.getInt("dataset_version"));
                gate.put("passed", rs.getBoolean("passed"));
                gate.put("failedMetrics", json.readValue(rs.getString("failed"), STRINGS));
                gate.put("promptVersions", json.readValue(rs.getString("prompts"), LIST));
                gate.put("judgeMode", rs.getString("judge_mode"));
                gate.put("createdBy", rs.getString("created_by"));
                gate.put("createdAt", instant(rs.getTimestamp("created_at")));
                return gate;
            })
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
