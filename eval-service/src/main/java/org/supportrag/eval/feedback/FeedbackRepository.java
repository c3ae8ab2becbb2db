package org.supportrag.eval.feedback;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.telemetry.TenantTags;
import org.supportrag.eval.feedback.FeedbackController.FeedbackRequest;
import org.supportrag.eval.feedback.FeedbackController.FeedbackView;

@Repository
@RequiredArgsConstructor
class FeedbackRepository {

    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final TenantTags tenants;

    /** One vote per person and answer: voting again replaces the earlier vote. Counted in {@code rag.feedback}. */
    FeedbackView upsert(CallerIdentity caller, FeedbackRequest request) {
        FeedbackView saved = store(caller, request);
        Counter.builder("rag.feedback")
            .description("Customer feedback votes on answers (thumbs up or down)")
            .tags(TenantTags.TAG, tenants.of(caller.tenantId()), "rating",
                    "up".equals(request.rating()) || "down".equals(request.rating()) ? request.rating() : "other")
            .register(meters)
            .increment();
        return saved;
    }

    private FeedbackView store(CallerIdentity caller, FeedbackRequest request) {
        return jdbc.sql("""
                INSERT INTO feedback (id, tenant_id, conversation_id, message_id, rating, comment, trace_id, submitted_by)
                VALUES (:id, :tenant, :conversation, :message, :rating, :comment, :trace, :subject)
                ON CONFLICT (tenant_id, message_id, submitted_by) DO UPDATE
                   SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, trace_id = EXCLUDED.trace_id,
                       created_at = now()
                RETURNING id, conversation_id, message_id, rating, comment, trace_id, created_at
                """)
            .param("id", UUID.randomUUID())
            .param("tenant", caller.tenantId())
            .param("conversation", request.conversationId())
            .param("message", request.messageId())
            .param("rating", request.rating())
            .param("comment", request.comment())
            .param("trace", request.traceId())
            .param("subject", caller.subject())
            .query((rs, row) -> view(rs))
            .single();
    }

    List<FeedbackView> findByConversation(String tenantId, UUID conversationId) {
        return jdbc.sql("""
                SELECT id, conversation_id, message_id, rating, comment, trace_id, created_at FROM feedback
                 WHERE tenant_id = :tenant AND conversation_id = :conversation ORDER BY created_at
                """)
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .query((rs, row) -> view(rs))
            .list();
    }

    private static FeedbackView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp created = rs.getTimestamp("created_at");
        return new FeedbackView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getObject("message_id", UUID.class), rs.getString("rating"), rs.getString("comment"),
                rs.getString("trace_id"), created.toInstant());
    }
}
