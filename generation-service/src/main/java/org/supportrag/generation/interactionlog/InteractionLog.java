package org.supportrag.generation.interactionlog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.generation.conversation.Citation;
import org.supportrag.defaults.privacy.Redactor;

/**
 * Stores every turn with PII redacted, and purges rows older than the retention. Each turn is also published as an
 * event (the per-turn metrics listen), so this package does not depend on telemetry.
 */
@Repository
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class InteractionLog {

    private static final Logger log = LoggerFactory.getLogger(InteractionLog.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** The guardrails' redactor: the same rules as before provider calls. */
    private final Redactor redactor;
    private final InteractionLogProperties properties;
    private final ApplicationEventPublisher events;

    /** Logs the turn and publishes it for the per-turn metrics (also when the log itself is disabled). */
    public void record(Interaction turn) {
        try {
            events.publishEvent(turn);
        }
        catch (RuntimeException ex) {
            // Metrics are bookkeeping: they never cost the turn its log row.
            log.warn("Turn metrics not recorded: {}", ex.toString());
        }
        if (!properties.enabled()) {
            return;
        }
        List<Map<String, Object>> retrieved = turn.retrieved().stream().map(hit -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("chunkId", hit.chunkId());
            item.put("documentId", hit.documentId());
            item.put("score", hit.score());
            return item;
        }).toList();
        List<Map<String, Object>> citations = turn.citations().stream().map(InteractionLog::citation).toList();
        jdbc.sql("""
                INSERT INTO interaction_log (message_id, tenant_id, conversation_id, question, retrieved,
                    prompt_version, model, attempts, answer, citations, confidence, flags, escalated, latency_ms,
                    cost_usd, trace_id, claims, unsupported_claims)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?,
                    CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, ?, ?, ?)
                ON CONFLICT (message_id) DO NOTHING""")
            .params(Arrays.asList(turn.messageId(), turn.tenantId(), turn.conversationId(),
                    redactor.redact(turn.question()),
                    json.writeValueAsString(retrieved),
                    turn.promptVersion() == null ? null : json.writeValueAsString(turn.promptVersion()), turn.model(),
                    json.writeValueAsString(turn.attempts()), redactor.redact(turn.answer()),
                    json.writeValueAsString(citations), turn.confidence(), json.writeValueAsString(turn.flags()),
                    turn.escalated(),
                    json.writeValueAsString(turn.latencyMillis()), turn.costUsd(), turn.traceId(), turn.claims(),
                    turn.unsupportedClaims()))
            .update();
    }

    /** The log keeps chunk references and the cited titles, never chunk text (it may hold customer data). */
    private static Map<String, Object> citation(Citation citation) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("index", citation.index());
        item.put("chunkId", citation.chunkId());
        item.put("documentId", citation.documentId());
        item.put("title", citation.title());
        return item;
    }

    /** Deletes the rows older than the retention; returns how many. */
    @Scheduled(fixedDelayString = "${rag.generation.interaction-log.purge-interval:1h}",
            initialDelayString = "${rag.generation.interaction-log.purge-interval:1h}")
    public int purgeExpired() {
        Instant cutoff = Instant.now().minus(properties.retention());
        int deleted = jdbc.sql("DELETE FROM interaction_log WHERE created_at < ?")
            .param(Timestamp.from(cutoff))
            .update();
        if (deleted > 0) {
            log.info("Purged {} interaction log rows older than {}", deleted, properties.retention());
        }
        return deleted;
    }
}
