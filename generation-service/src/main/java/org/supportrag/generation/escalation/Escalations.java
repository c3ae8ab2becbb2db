package org.supportrag.generation.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.generation.conversation.Conversation;
import org.supportrag.generation.live.ConversationEvents;
import org.supportrag.generation.telemetry.TurnMetrics;

/**
 * Hands conversations over to people: escalations (open, assigned, resolved) with what led to them, and agent
 * replies into the customer's conversation. Every change is published as a live event of the conversation.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class Escalations {

    public static final String NOT_FOUND = "escalation-not-found";
    public static final int PREVIEW_CHARS = 140;

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = " " + """
            conversation_id, status, reasons::text AS reasons, confidence, assignee, created_at, updated_at, preview""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ConversationEvents events;
    private final TurnMetrics metrics;

    /**
     * What an escalation records.
     *
     * @param confidence the answer's confidence, null when there was no answer
     * @param messageId the message that escalated (the answer, or the customer's request)
     * @param context the chunks the turn had retrieved
     * @param scores the parts of the confidence score
     * @param customerNote what the customer wrote when asking for a person, if anything
     */
    public record Request(String tenantId, UUID conversationId, List<String> reasons, @Nullable Double confidence,
            @Nullable UUID messageId, List<ContextItem> context, Map<String, Object> scores,
            @Nullable String customerNote) {

        public Request {
            reasons = List.copyOf(reasons);
            context = List.copyOf(context);
            scores = Map.copyOf(scores);
        }
    }

    /** For other features (e.g. a fallback chain with no model left): escalate with what the turn retrieved. */
    public EscalationItem escalate(Conversation conversation, List<String> reasons, List<SearchHit> context) {
        return escalate(new Request(conversation.tenantId(), conversation.id(), reasons, null, null,
                ContextItem.of(context), Map.of(), null));
    }

    /**
     * Opens an escalation, or adds to the open one; a resolved one reopens (unassigned, with these reasons only).
     * The conversation must belong to the tenant.
     */
    @Transactional
    public EscalationItem escalate(Request request) {
        String preview = preview(request.tenantId(), request.conversationId());
        EscalationItem created = jdbc.sql("""
                INSERT INTO escalations (conversation_id, tenant_id, status, reasons, confidence, preview, message_id,
                                         context, scores, customer_note)
                SELECT c.id, c.tenant_id, 'open', CAST(:reasons AS jsonb), :confidence, :preview, :message,
                       CAST(:context AS jsonb), CAST(:scores AS jsonb), :note
                FROM conversations c WHERE c.tenant_id = :tenant AND c.id = :conversation
                ON CONFLICT (conversation_id) DO NOTHING
                RETURNING """ + COLUMNS)
            .param("reasons", json.writeValueAsString(request.reasons()))
            .param("confidence", request.confidence())
            .param("preview", preview)
            .param("message", request.messageId())
            .param("context", json.writeValueAsString(request.context()))
            .param("scores", json.writeValueAsString(request.scores()))
            .param("note", request.customerNote())
            .param("tenant", request.tenantId())
            .param("conversation", request.conversationId())
            .query(this::item)
            .optional()
            .orElse(null);
        EscalationItem result = created != null ? created : reescalate(request, preview);
        log.info("Conversation {} escalated ({}), status {}", request.conversationId(), request.reasons(),
                result.status());
        publish(request.tenantId(), result);
        return result;
    }

    private EscalationItem reescalate(Request request, String preview) {
        EscalationItem existing = lock(request.tenantId(), request.conversationId());
        boolean reopen = EscalationItem.RESOLVED.equals(existing.status());
        List<String> reasons = new ArrayList<>();
        if (!reopen) {
            reasons.addAll(existing.reasons());
        }
        reasons.addAll(request.reasons());
        reasons = List.copyOf(new LinkedHashSet<>(reasons));
        return jdbc.sql("""
                UPDATE escalations SET
                    status = CASE WHEN :reopen THEN 'open' ELSE status END,
                    assignee = CASE WHEN :reopen THEN NULL ELSE assignee END,
                    created_at = CASE WHEN :reopen THEN clock_timestamp() ELSE created_at END,
                    resolved_by = NULL,
                    reasons = CAST(:reasons AS jsonb),
                    confidence = COALESCE(:confidence, CASE WHEN :reopen THEN NULL ELSE confidence END),
                    preview = :preview,
                    message_id = COALESCE(:message, message_id),
                    context = CASE WHEN :hasContext THEN CAST(:context AS jsonb) ELSE context END,
                    scores = CASE WHEN :hasScores THEN CAST(:scores AS jsonb) ELSE scores END,
                    customer_note = COALESCE(:note, customer_note),
                    updated_at = clock_timestamp()
                WHERE tenant_id = :tenant AND conversation_id = :conversation
                RETURNING """ + COLUMNS)
            .param("reopen", reopen)
            .param("reasons", json.writeValueAsString(reasons))
            .param("confidence", request.confidence())
            .param("preview", preview)
            .param("message", request.messageId())
            .param("hasContext", !request.context().isEmpty())
            .param("context", json.writeValueAsString(request.context()))
            .param("hasScores", !request.scores().isEmpty())
            .param("scores", json.writeValueAsString(request.scores()))
            .param("note", request.customerNote())
            .param("tenant", request.tenantId())
            .param("conversation", request.conversationId())
            .query(this::item)
            .single();
    }

    /** Newest first; {@code status} null for all. */
    public List<EscalationItem> list(String tenantId, @Nullable String status, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """

                FROM escalations WHERE tenant_id = :tenant AND (CAST(:status AS text) IS NULL OR status = :status)
                ORDER BY created_at DESC, conversation_id LIMIT :limit""")
            .param("tenant", tenantId)
            .param("status", status)
            .param("limit", limit)
            .query(this::item)
            .list();
    }

    public Optional<EscalationItem> find(String tenantId, UUID conversationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM escalations WHERE tenant_id = :tenant AND conversation_id = :id")
            .param("tenant", tenantId)
            .param("id", conversationId)
            .query(this::item)
            .optional();
    }

    /** Assigns the escalation to {@code agent}; 409 when another agent holds it, 404 when there is none. */
    @Transactional
    public EscalationItem claim(String tenantId, UUID conversationId, String agent) {
        EscalationItem existing = lock(tenantId, conversationId);
        if (EscalationItem.ASSIGNED.equals(existing.status()) && !agent.equals(existing.assignee())) {
            throw new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.of("escalation-assigned"),
                    "Already assigned", "Another agent has claimed this conversation.",
                    Map.of("assignee", String.valueOf(existing.assignee())));
        }
        if (EscalationItem.ASSIGNED.equals(existing.status())) {
            return existing;
        }
        return update(tenantId, conversationId, EscalationItem.ASSIGNED, agent, null);
    }

    /** Marks the escalation resolved; 404 when there is none. */
    @Transactional
    public EscalationItem resolve(String tenantId, UUID conversationId, String agent) {
        EscalationItem existing = lock(tenantId, conversationId);
        if (EscalationItem.RESOLVED.equals(existing.status())) {
            return existing;
        }
        return update(tenantId, conversationId, EscalationItem.RESOLVED, existing.assignee(), agent);
    }

    /**
     * Stores an agent's reply in the conversation and pushes it to the customer's event stream. An open escalation
     * becomes assigned to the replying agent. The conversation must belong to the tenant.
     */
    @Transactional
    public AgentMessage reply(String tenantId, UUID conversationId, String agent, String text) {
        UUID id = UUID.randomUUID();
        AgentMessage message = jdbc.sql("""
                INSERT INTO messages (id, conversation_id, tenant_id, role, content, author)
                VALUES (:id, :conversation, :tenant, 'agent', :content, :author)
                RETURNING created_at""")
            .param("id", id)
            .param("conversation", conversationId)
            .param("tenant", tenantId)
            .param("content", text)
            .param("author", agent)
            .query((row, number) -> new AgentMessage(id, "agent", text, List.of(),
                    row.getTimestamp("created_at").toInstant(), agent))
            .single();
        jdbc.sql("UPDATE conversations SET updated_at = clock_timestamp() WHERE tenant_id = :tenant AND id = :id")
            .param("tenant", tenantId)
            .param("id", conversationId)
            .update();
        events.publish(tenantId, conversationId, ConversationEvents.MESSAGE, id, message);
        find(tenantId, conversationId).filter(item -> EscalationItem.OPEN.equals(item.status()))
            .ifPresent(item -> update(tenantId, conversationId, EscalationItem.ASSIGNED, agent, null));
        return message;
    }

    private EscalationItem update(String tenantId, UUID conversationId, String status, @Nullable String assignee,
            @Nullable String resolvedBy) {
        EscalationItem item = jdbc.sql("""
                UPDATE escalations SET status = :status, assignee = :assignee, resolved_by = :resolvedBy,
                       updated_at = clock_timestamp()
                WHERE tenant_id = :tenant AND conversation_id = :conversation
                RETURNING """ + COLUMNS)
            .param("status", status)
            .param("assignee", assignee)
            .param("resolvedBy", resolvedBy)
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .query(this::item)
            .single();
        publish(tenantId, item);
        return item;
    }

    private EscalationItem lock(String tenantId, UUID conversationId) {
        return jdbc.sql("SELECT " + COLUMNS + """

                FROM escalations WHERE tenant_id = :tenant AND conversation_id = :id FOR UPDATE""")
            .param("tenant", tenantId)
            .param("id", conversationId)
            .query(this::item)
            .optional()
            .orElseThrow(Escalations::notFound);
    }

    public static ApiProblemException notFound() {
        return ApiProblemException.notFound(NOT_FOUND, "Escalation not found",
                "This conversation has no escalation.");
    }

    private void publish(String tenantId, EscalationItem item) {
        metrics.escalation(tenantId, item.status(), item.reasons());
        events.publish(tenantId, item.conversationId(), ConversationEvents.ESCALATION, UUID.randomUUID(), item);
    }

    private String preview(String tenantId, UUID conversationId) {
        String last = jdbc.sql("""
                SELECT content FROM messages WHERE tenant_id = :tenant AND conversation_id = :conversation
                AND role = 'user' ORDER BY created_at DESC LIMIT 1""")
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .query(String.class)
            .optional()
            .orElse("");
        String flat = last.replaceAll("\\s+", " ").strip();
        return flat.length() <= PREVIEW_CHARS ? flat : flat.substring(0, PREVIEW_CHARS);
    }

    private EscalationItem item(ResultSet row, int number) throws SQLException {
        Object confidence = row.getObject("confidence");
        return new EscalationItem(row.getObject("conversation_id", UUID.class), row.getString("status"),
                json.readValue(row.getString("reasons"), STRINGS),
                confidence == null ? null : ((Number) confidence).doubleValue(), row.getString("assignee"),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
                row.getString("preview"));
    }
}
