package org.supportrag.eval.online;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/** Online scores of the caller's tenant: summary, JSONL export, the reliability curve of confidence. */
@RestController
@RequestMapping("/api/v1/eval/online")
@RequiredArgsConstructor
class OnlineController {

    static final int BINS = 10;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OnlineScorer scorer;

    record MetricSummary(String metric, int count, double mean) {
    }

    record Summary(int scored, int judged, List<MetricSummary> metrics) {
    }

    /**
     * One confidence bin: how often answers in it were right, by the agents' label where there is one, else the
     * judge's correctness verdict.
     */
    record Bin(double from, double to, int count, @Nullable Double meanConfidence, @Nullable Double accuracy) {
    }

    /** {@code expectedCalibrationError}: sum over bins of count/total * |accuracy - mean confidence|. */
    record Reliability(int answers, List<Bin> bins, @Nullable Double expectedCalibrationError, String source) {
    }

    @GetMapping
    Summary summary(@RequestParam(defaultValue = "7") int days, CallerIdentity caller) {
        requireStaff(caller);
        Timestamp since = since(days);
        int scored = jdbc.sql("SELECT count(*) FROM online_scores WHERE tenant_id = ? AND scored_at > ?")
            .params(caller.tenantId(), since).query(Integer.class).single();
        int judged = jdbc.sql("SELECT count(*) FROM online_scores WHERE tenant_id = ? AND scored_at > ? AND judged")
            .params(caller.tenantId(), since).query(Integer.class).single();
        List<MetricSummary> metrics = jdbc.sql("""
                SELECT m.key, count(*), avg((m.value #>> '{}')::double precision)
                  FROM online_scores, jsonb_each(metrics) m
                 WHERE tenant_id = ? AND scored_at > ? AND jsonb_typeof(m.value) = 'number'
                 GROUP BY m.key ORDER BY m.key""")
            .params(caller.tenantId(), since)
            .query((rs, row) -> new MetricSummary(rs.getString(1), rs.getInt(2), rs.getDouble(3)))
            .list();
        return new Summary(scored, judged, metrics);
    }

    /** Scores the caller's tenant's new sampled turns now. */
    @PostMapping("/score")
    Map<String, Integer> scoreNow(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins may start online scoring.");
        }
        int scored = scorer.scoreNew(caller.tenantId());
        scorer.refreshGauges();
        return Map.of("scored", scored);
    }

    @GetMapping(path = "/scores.jsonl", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "7") int days, CallerIdentity caller) {
        requireStaff(caller);
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT message_id, conversation_id, knowledge_base, answered_at, confidence, escalated, metrics,
                       judged, scored_at
                  FROM online_scores WHERE tenant_id = ? AND scored_at > ? ORDER BY scored_at, message_id""")
            .params(caller.tenantId(), since(days))
            .query((rs, row) -> {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("messageId", rs.getString("message_id"));
                line.put("conversationId", rs.getString("conversation_id"));
                line.put("knowledgeBase", rs.getString("knowledge_base"));
                line.put("answeredAt", rs.getTimestamp("answered_at").toInstant().toString());
                double confidence = rs.getDouble("confidence");
                line.put("confidence", rs.wasNull() ? null : confidence);
                line.put("escalated", rs.getBoolean("escalated"));
                line.put("metrics", json.readValue(rs.getString("metrics"), Map.class));
                line.put("judged", rs.getBoolean("judged"));
                line.put("scoredAt", rs.getTimestamp("scored_at").toInstant().toString());
                return line;
            })
            .list();
        StreamingResponseBody body = (OutputStream out) -> {
            for (Map<String, Object> row : rows) {
                out.write(json.writeValueAsString(row).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        };
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType("application/x-ndjson"))
            .header("Content-Disposition", "attachment; filename=\"online-scores.jsonl\"")
            .body(body);
    }

    @GetMapping("/reliability")
    Reliability reliability(@RequestParam(defaultValue = "30") int days,
            @RequestParam(required = false) java.util.@Nullable UUID run, CallerIdentity caller) {
        requireStaff(caller);
        if (run != null) {
            return runCurve(caller.tenantId(), run);
        }
        @SuppressWarnings("NullAway") // unlabelled rows map to null and are filtered out
        List<double[]> points = jdbc.sql("""
                SELECT s.confidence,
                       CASE WHEN l.label IS NOT NULL THEN (CASE WHEN l.label = 'correct' THEN 1.0 ELSE 0.0 END)
                            ELSE (s.metrics ->> 'judge_correctness')::double precision END AS right
                  FROM online_scores s
                  LEFT JOIN LATERAL (SELECT label FROM labels WHERE tenant_id = s.tenant_id
                        AND message_id = s.message_id ORDER BY created_at DESC LIMIT 1) l ON true
                 WHERE s.tenant_id = ? AND s.scored_at > ? AND s.confidence IS NOT NULL""")
            .params(caller.tenantId(), since(days))
            .query((rs, row) -> {
                double right = rs.getDouble("right");
                return rs.wasNull() ? null : new double[] { rs.getDouble("confidence"), right };
            })
            .list()
            .stream()
            .filter(java.util.Objects::nonNull)
            .toList();
        return curve(points, "agents' labels, else the judge's correctness, on online-scored answers");
    }

    /** The curve of one experiment run: its answers' confidence against answer correctness (the run's scoring). */
    private Reliability runCurve(String tenant, java.util.UUID run) {
        boolean exists = jdbc.sql("SELECT count(*) FROM runs WHERE id = ? AND tenant_id = ?")
            .params(run, tenant)
            .query(Integer.class)
            .single() > 0;
        if (!exists) {
            throw ApiProblemException.notFound("run-not-found", "Run not found", "No run with this id exists.");
        }
        List<double[]> points = jdbc.sql("""
                SELECT confidence, (result ->> 'answer_correct')::boolean AS right FROM run_items
                 WHERE run_id = ? AND status = 'done' AND confidence IS NOT NULL
                   AND jsonb_typeof(result -> 'answer_correct') = 'boolean'""")
            .param(run)
            .query((rs, row) -> new double[] { rs.getDouble("confidence"), rs.getBoolean("right") ? 1 : 0 })
            .list();
        return curve(points, "answer correctness of run " + run);
    }

    static Reliability curve(List<double[]> points, String source) {
        List<Bin> bins = new ArrayList<>();
        double error = 0;
        for (int i = 0; i < BINS; i++) {
            double from = (double) i / BINS;
            double to = (double) (i + 1) / BINS;
            int last = i;
            List<double[]> in = points.stream()
                .filter(p -> (p[0] >= from && p[0] < to) || (last == BINS - 1 && p[0] == 1.0))
                .toList();
            if (in.isEmpty()) {
                bins.add(new Bin(from, to, 0, null, null));
                continue;
            }
            double confidence = in.stream().mapToDouble(p -> p[0]).average().orElse(0);
            double accuracy = in.stream().mapToDouble(p -> p[1]).average().orElse(0);
            error += (double) in.size() / points.size() * Math.abs(accuracy - confidence);
            bins.add(new Bin(from, to, in.size(), confidence, accuracy));
        }
        return new Reliability(points.size(), bins, points.isEmpty() ? null : error, source);
    }

    private static Timestamp since(int days) {
        if (days < 1 || days > 400) {
            throw ApiProblemException.badRequest("invalid-window", "Invalid window", "'days' must be 1 to 400.");
        }
        return Timestamp.from(Instant.now().minus(Duration.ofDays(days)));
    }

    private static void requireStaff(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.OPS)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins and ops may read online scores.");
        }
    }

}
