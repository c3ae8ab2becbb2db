package org.supportrag.generation.escalation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What each assistant answer was grounded on and how it scored (table {@code answer_evidence}), for staff. */
@Repository
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class AnswerEvidence {

    private static final TypeReference<List<ContextItem>> CONTEXT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> SCORES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public record Evidence(List<ContextItem> context, Map<String, Object> scores) {
    }

    /** Stores the evidence of a stored assistant message. */
    public void record(String tenantId, UUID messageId, List<ContextItem> context, Map<String, Object> scores) {
        jdbc.sql("""
                INSERT INTO answer_evidence (message_id, tenant_id, context, scores)
                VALUES (:message, :tenant, CAST(:context AS jsonb), CAST(:scores AS jsonb))
                ON CONFLICT (message_id) DO NOTHING""")
            .param("message", messageId)
            .param("tenant", tenantId)
            .param("context", json.writeValueAsString(context))
            .param("scores", json.writeValueAsString(scores))
            .update();
    }

    public Optional<Evidence> of(String tenantId, UUID messageId) {
        return jdbc.sql("""
                SELECT context::text AS context, scores::text AS scores FROM answer_evidence
                WHERE tenant_id = :tenant AND message_id = :message""")
            .param("tenant", tenantId)
            .param("message", messageId)
            .query((row, number) -> new Evidence(json.readValue(row.getString("context"), CONTEXT),
                    json.readValue(row.getString("scores"), SCORES)))
            .optional();
    }

    /** Evidence of every assistant message of a conversation, by message id. */
    public Map<UUID, Evidence> ofConversation(String tenantId, UUID conversationId) {
        return jdbc.sql("""
                SELECT e.message_id, e.context::text AS context, e.scores::text AS scores
                FROM answer_evidence e JOIN messages m ON m.id = e.message_id
                WHERE e.tenant_id = :tenant AND m.tenant_id = :tenant AND m.conversation_id = :conversation""")
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .query((row, number) -> Map.entry(row.getObject("message_id", UUID.class),
                    new Evidence(json.readValue(row.getString("context"), CONTEXT),
                            json.readValue(row.getString("scores"), SCORES))))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
