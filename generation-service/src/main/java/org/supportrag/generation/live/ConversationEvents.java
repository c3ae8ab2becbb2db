package org.supportrag.generation.live;

import java.util.UUID;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes live events of a conversation: stored in {@code conversation_events} (so streams can resume) and
 * announced with {@code NOTIFY conversation_events} (delivered to every replica when the transaction commits).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ConversationEvents {

    public static final String CHANNEL = "conversation_events";
    public static final String MESSAGE = "message";
    public static final String ESCALATION = "escalation";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    /**
     * @param eventId the SSE id: the message id for {@link #MESSAGE} events
     * @param payload serialised as the event's JSON data
     */
    @Transactional
    public void publish(String tenantId, UUID conversationId, String kind, UUID eventId, Object payload) {
        jdbc.sql("""
                INSERT INTO conversation_events (event_id, conversation_id, tenant_id, kind, payload)
                VALUES (:event, :conversation, :tenant, :kind, CAST(:payload AS jsonb))""")
            .param("event", eventId)
            .param("conversation", conversationId)
            .param("tenant", tenantId)
            .param("kind", kind)
            .param("payload", json.writeValueAsString(payload))
            .update();
        jdbc.sql("SELECT pg_notify('" + CHANNEL + "', :conversation)")
            .param("conversation", conversationId.toString())
            .query((row, number) -> 1)
            .list();
    }
}
