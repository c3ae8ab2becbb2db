package org.supportrag.eval.labels;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.eval.labels.LabelController.LabelRequest;
import org.supportrag.eval.labels.LabelController.LabelView;

@Repository
@RequiredArgsConstructor
class LabelRepository {

    private static final String COLUMNS =
            "id, conversation_id, message_id, label, corrected_answer, note, labelled_by, created_at";

    private final JdbcClient jdbc;

    /** One label per agent and answer: an agent changing their mind replaces their earlier label. */
    LabelView upsert(CallerIdentity caller, LabelRequest request) {
        return jdbc.sql("""
                INSERT INTO labels (id, tenant_id, conversation_id, message_id, label, corrected_answer, note,
                                    labelled_by)
                VALUES (:id, :tenant, :conversation, :message, :label, :corrected, :note, :subject)
                ON CONFLICT (tenant_id, message_id, labelled_by) DO UPDATE
                   SET conversation_id = EXCLUDED.conversation_id, label = EXCLUDED.label,
                       corrected_answer = EXCLUDED.corrected_answer, note = EXCLUDED.note, created_at = now()
                RETURNING\s""" + COLUMNS)
            .param("id", UUID.randomUUID())
            .param("tenant", caller.tenantId())
            .param("conversation", request.conversationId())
            .param("message", request.messageId())
            .param("label", request.label())
            .param("corrected", blankToNull(request.correctedAnswer()))
            .param("note", blankToNull(request.note()))
            .param("subject", caller.subject())
            .query((rs, row) -> view(rs))
            .single();
    }

    List<LabelView> findByConversation(String tenantId, UUID conversationId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM labels WHERE tenant_id = :tenant AND conversation_id = :conversation ORDER BY created_at, id
                """)
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .query((rs, row) -> view(rs))
            .list();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LabelView view(ResultSet rs) throws SQLException {
        return new LabelView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getObject("message_id", UUID.class), rs.getString("label"), rs.getString("corrected_answer"),
                rs.getString("note"), rs.getString("labelled_by"), rs.getTimestamp("created_at").toInstant());
    }
}
