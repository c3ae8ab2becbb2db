package org.supportrag.generation.interactionlog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.sampling.Sampling;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/**
 * Reads the interaction log back for evaluation (drift, A/B outcomes, online scoring, candidates): the caller's
 * tenant only, oldest first, paged by time with a keyset cursor. Services, admins and ops only: rows hold the
 * (redacted) question. {@code /tenants} lists the tenants with turns in a window, for the eval service's
 * scheduled jobs, and is open to services alone.
 */
@RestController
@RequiredArgsConstructor
class InteractionLogController {

    static final String PATH = "/api/v1/interaction-log";
    static final int MAX_LIMIT = 1000;
    private static final Duration MAX_WINDOW = Duration.ofDays(400);
    /** One interaction as {@link #view} reads it; callers add the WHERE clause. */
    private static final String SELECT_VIEW = """
            SELECT l.message_id, l.conversation_id, c.knowledge_base, l.created_at, l.question, l.answer,
                   l.confidence, l.retrieved, l.escalated, e.reasons, l.flags, c.prompt_variant, l.prompt_version,
                   l.model, l.attempts, l.cost_usd, l.citations, l.latency_ms, l.trace_id
              FROM interaction_log l
              JOIN conversations c ON c.id = l.conversation_id AND c.tenant_id = l.tenant_id
              LEFT JOIN escalations e ON e.message_id = l.message_id AND e.tenant_id = l.tenant_id
            """;
    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    /**
     * One logged turn. {@code declined}: answered without hand-over but flagged {@code declined}, or with
     * confidence below 0.5 (the assistant said it does not know, interfaces.md); {@code promptArm}: the
     * conversation's A/B arm.
     */
    record InteractionView(UUID messageId, UUID conversationId, String knowledgeBase, Instant createdAt,
            String question, String answer, @Nullable Double confidence, @Nullable Double topScore,
            List<Map<String, Object>> retrieved, boolean escalated, List<String> escalationReasons,
            boolean declined, List<String> flags, @Nullable String promptArm, @Nullable Object promptVersion,
            String model, List<String> attempts, double costUsd, List<Map<String, Object>> citations,
            Map<String, Object> latencyMs, @Nullable String traceId) {
    }

    /** {@code next}: the cursor of the following page, null on the last one. */
    record InteractionPage(List<InteractionView> items, @Nullable String next) {
    }

    record TenantList(List<String> tenants) {
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    InteractionPage page(@RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(required = false) @Nullable String knowledgeBase,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "200") int limit, @RequestParam(required = false) @Nullable String sample,
            @RequestParam(required = false) @Nullable Double rate, CallerIdentity caller) {
        requireReader(caller);
        Instant to = until == null ? Instant.now() : instant("until", until);
        Instant from = since == null ? to.minus(Duration.ofDays(7)) : instant("since", since);
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ApiProblemException.badRequest("invalid-window", "Invalid window",
                    "'since' must be before 'until' and the window at most 400 days.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblemException.badRequest("invalid-limit", "Invalid limit",
                    "'limit' must be between 1 and " + MAX_LIMIT + ".");
        }
        // A sampler's share of the turns (eval's online scores, review queue): selected here, not after shipping all.
        if ((sample == null) != (rate == null) || sample != null && !Sampling.NAME.matcher(sample).matches()
                || rate != null && !(rate > 0 && rate <= 1)) {
            throw ApiProblemException.badRequest("invalid-sample", "Invalid sample",
                    "'sample' (1-50 of a-z, 0-9, '_', '-') and 'rate' (above 0, at most 1) go together.");
        }
        Cursor cursor = after == null ? null : Cursor.parse(after);
        StringBuilder sql = new StringBuilder(SELECT_VIEW
                + " WHERE l.tenant_id = :tenant AND l.created_at >= :from AND l.created_at < :to");
        if (knowledgeBase != null && !knowledgeBase.isBlank()) {
            sql.append(" AND c.knowledge_base = :kb");
        }
        if (cursor != null) {
            sql.append(" AND (l.created_at, l.message_id) > (:afterTime, :afterId)");
        }
        if (sample != null) {
            sql.append(" AND ").append(Sampling.sqlSelected("l.message_id"));
        }
        sql.append(" ORDER BY l.created_at, l.message_id LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString())
            .param("tenant", caller.tenantId())
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .param("limit", limit + 1);
        if (knowledgeBase != null && !knowledgeBase.isBlank()) {
            statement = statement.param("kb", knowledgeBase);
        }
        if (sample != null) {
            statement = statement.param("sample", sample).param("rate", rate);
        }
        if (cursor != null) {
            statement = statement.param("afterTime", Timestamp.from(cursor.time())).param("afterId", cursor.id());
        }
        List<InteractionView> rows = new ArrayList<>(statement.query((rs, row) -> view(rs)).list());
        String next = null;
        if (rows.size() > limit) {
            rows = new ArrayList<>(rows.subList(0, limit));
            InteractionView last = rows.getLast();
            next = new Cursor(last.createdAt(), last.messageId()).format();
        }
        return new InteractionPage(rows, next);
    }

    @GetMapping(path = PATH + "/{messageId}", produces = MediaType.APPLICATION_JSON_VALUE)
    InteractionView one(@PathVariable String messageId, CallerIdentity caller) {
        requireReader(caller);
        UUID id;
        try {
            id = UUID.fromString(messageId);
        }
        catch (IllegalArgumentException ex) {
            throw notFound();
        }
        return jdbc.sql(SELECT_VIEW + " WHERE l.tenant_id = :tenant AND l.message_id = :id")
            .param("tenant", caller.tenantId())
            .param("id", id)
            .query((rs, row) -> view(rs))
            .optional()
            .orElseThrow(InteractionLogController::notFound);
    }

    @GetMapping(path = PATH + "/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
    TenantList tenants(@RequestParam(required = false) @Nullable String since, CallerIdentity caller) {
        if (!caller.hasRole(Roles.SERVICE)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only services may list tenants.");
        }
        Instant from = since == null ? Instant.now().minus(Duration.ofDays(30)) : instant("since", since);
        return new TenantList(jdbc.sql("""
                SELECT DISTINCT tenant_id FROM interaction_log WHERE created_at >= ? ORDER BY tenant_id
                """).param(Timestamp.from(from)).query(String.class).list());
    }

    private InteractionView view(ResultSet rs) throws SQLException {
        List<Map<String, Object>> retrieved = json.readValue(rs.getString("retrieved"), LIST_OF_MAPS);
        Double top = retrieved.stream()
            .map(hit -> hit.get("score"))
            .filter(Number.class::isInstance)
            .map(score -> ((Number) score).doubleValue())
            .max(Double::compare)
            .orElse(null);
        double confidenceValue = rs.getDouble("confidence");
        Double confidence = rs.wasNull() ? null : confidenceValue;
        List<String> flags = json.readValue(rs.getString("flags"), STRINGS);
        boolean escalated = rs.getBoolean("escalated");
        String reasons = rs.getString("reasons");
        boolean declined = !escalated
                && (flags.contains("declined") || (confidence != null && confidence < 0.5));
        String version = rs.getString("prompt_version");
        return new InteractionView(rs.getObject("message_id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getString("knowledge_base"), rs.getTimestamp("created_at").toInstant(), rs.getString("question"),
                rs.getString("answer"), confidence, top, retrieved, escalated,
                escalated && reasons != null ? json.readValue(reasons, STRINGS) : List.of(), declined, flags,
                rs.getString("prompt_variant"), version == null ? null : json.readValue(version, Object.class),
                rs.getString("model"), json.readValue(rs.getString("attempts"), STRINGS),
                rs.getBigDecimal("cost_usd").doubleValue(), json.readValue(rs.getString("citations"), LIST_OF_MAPS),
                json.readValue(rs.getString("latency_ms"), new TypeReference<Map<String, Object>>() {
                }), rs.getString("trace_id"));
    }

    private static void requireReader(CallerIdentity caller) {
        if (!caller.hasRole(Roles.SERVICE) && !caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.OPS)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden",
                    "Only services, admins and ops may read the interaction log.");
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw ApiProblemException.badRequest("invalid-window", "Invalid window",
                    "'" + name + "' must be an ISO-8601 instant such as 2026-01-31T00:00:00Z.");
        }
    }

    private static ApiProblemException notFound() {
        return ApiProblemException.notFound("interaction-not-found", "Interaction not found",
                "No logged turn with this message id exists.");
    }

    /** Keyset position: the last row's time and message id, as {@code <epoch micros>_<uuid>}. */
    record Cursor(Instant time, UUID id) {

        static Cursor parse(String value) {
            int split = value.indexOf('_');
            try {
                long micros = Long.parseLong(value.substring(0, split));
                return new Cursor(Instant.EPOCH.plus(Duration.ofNanos(micros * 1000)),
                        UUID.fromString(value.substring(split + 1)));
            }
            catch (RuntimeException ex) {
                throw ApiProblemException.badRequest("invalid-cursor", "Invalid cursor",
                        "'after' must be the 'next' value of an earlier page.");
            }
        }

        String format() {
            long micros = Duration.between(Instant.EPOCH, time).toNanos() / 1000;
            return micros + "_" + id;
        }
    }
}
