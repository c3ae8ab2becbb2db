package org.supportrag.eval.candidate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
@RequiredArgsConstructor
class CandidateRepository {

    private static final String COLUMNS = """
            id, source, signal, conversation_id, message_id, knowledge_base, turns, answer, reference,
            cited_documents, comment, signalled_by, status, dataset, dataset_version, decided_by, decided_at, reason,
            created_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    /** A label or thumbs-down with a comment that has no candidate yet. */
    record Signal(String source, UUID sourceId, UUID conversationId, UUID messageId, String signal,
            @Nullable String correctedAnswer, @Nullable String comment, String signalledBy) {
    }

    List<Signal> uncollected(String tenant, int limit) {
        return jdbc.sql("""
                SELECT 'label' AS source, l.id, l.conversation_id, l.message_id, l.label AS signal, l.corrected_answer,
                       l.note AS comment, l.labelled_by AS who, l.created_at
                  FROM labels l
                 WHERE l.tenant_id = :tenant AND NOT EXISTS (SELECT 1 FROM candidates c
                        WHERE c.tenant_id = l.tenant_id AND c.source = 'label' AND c.source_id = l.id)
                UNION ALL
                SELECT 'feedback', f.id, f.conversation_id, f.message_id, 'thumbs_down', NULL, f.comment,
                       f.submitted_by, f.created_at
                  FROM feedback f
                 WHERE f.tenant_id = :tenant AND f.rating = 'down' AND f.comment IS NOT NULL
                   AND btrim(f.comment) <> '' AND NOT EXISTS (SELECT 1 FROM candidates c
                        WHERE c.tenant_id = f.tenant_id AND c.source = 'feedback' AND c.source_id = f.id)
                 ORDER BY created_at LIMIT :limit""")
            .param("tenant", tenant)
            .param("limit", limit)
            .query((rs, row) -> new Signal(rs.getString("source"), rs.getObject("id", UUID.class),
                    rs.getObject("conversation_id", UUID.class), rs.getObject("message_id", UUID.class),
                    rs.getString("signal"), rs.getString("corrected_answer"), rs.getString("comment"),
                    rs.getString("who")))
            .list();
    }

    /** Tenants with labels or comments not collected yet, for the scheduled collection. */
    List<String> tenantsWithUncollected() {
        return jdbc.sql("""
                SELECT DISTINCT l.tenant_id FROM labels l WHERE NOT EXISTS (SELECT 1 FROM candidates c
                        WHERE c.tenant_id = l.tenant_id AND c.source = 'label' AND c.source_id = l.id)
                UNION
                SELECT DISTINCT f.tenant_id FROM feedback f WHERE f.rating = 'down' AND f.comment IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM candidates c
                        WHERE c.tenant_id = f.tenant_id AND c.source = 'feedback' AND c.source_id = f.id)""")
            .query(String.class)
            .list();
    }

    /** An agent who changes their label changes the pending candidate with it. */
    int refreshPendingLabels(String tenant) {
        return jdbc.sql("""
                UPDATE candidates c SET signal = l.label, comment = l.note,
                       reference = CASE WHEN l.corrected_answer IS NOT NULL THEN l.corrected_answer
                                        WHEN l.label = 'correct' THEN c.answer ELSE NULL END
                  FROM labels l
                 WHERE c.tenant_id = :tenant AND c.status = 'pending' AND c.source = 'label' AND c.source_id = l.id
                   AND l.tenant_id = c.tenant_id
                   AND (c.signal <> l.label OR c.reference IS DISTINCT FROM
                        CASE WHEN l.corrected_answer IS NOT NULL THEN l.corrected_answer
                             WHEN l.label = 'correct' THEN c.answer ELSE NULL END)""")
            .param("tenant", tenant)
            .update();
    }

    void insert(String tenant, Signal signal, @Nullable String knowledgeBase, List<String> turns,
            @Nullable String answer, @Nullable String reference, List<Map<String, Object>> cited, String status,
            @Nullable String reason) {
        jdbc.sql("""
                INSERT INTO candidates (id, tenant_id, source, source_id, conversation_id, message_id, knowledge_base,
                    signal, turns, answer, reference, cited_documents, comment, signalled_by, status, reason,
                    decided_at)
                VALUES (:id, :tenant, :source, :sourceId, :conversation, :message, :kb, :signal, CAST(:turns AS jsonb),
                    :answer, :reference, CAST(:cited AS jsonb), :comment, :who, :status, :reason,
                    CASE WHEN :status = 'pending' THEN NULL ELSE now() END)
                ON CONFLICT (tenant_id, source, source_id) DO NOTHING""")
            .param("id", UUID.randomUUID())
            .param("tenant", tenant)
            .param("source", signal.source())
            .param("sourceId", signal.sourceId())
            .param("conversation", signal.conversationId())
            .param("message", signal.messageId())
            .param("kb", knowledgeBase)
            .param("signal", signal.signal())
            .param("turns", json.writeValueAsString(turns))
            .param("answer", answer)
            .param("reference", reference)
            .param("cited", json.writeValueAsString(cited))
            .param("comment", signal.comment())
            .param("who", signal.signalledBy())
            .param("status", status)
            .param("reason", reason)
            .update();
    }

    List<Candidate> list(String tenant, @Nullable String status, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " " + """
                 FROM candidates WHERE tenant_id = :tenant AND (CAST(:status AS text) IS NULL OR status = :status)
                 ORDER BY created_at DESC, id LIMIT :limit""")
            .param("tenant", tenant)
            .param("status", status)
            .param("limit", limit)
            .query((rs, row) -> read(rs))
            .list();
    }

    Optional<Candidate> find(String tenant, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM candidates WHERE tenant_id = :tenant AND id = :id"
                + (forUpdate ? " FOR UPDATE" : ""))
            .param("tenant", tenant)
            .param("id", id)
            .query((rs, row) -> read(rs))
            .optional();
    }

    void decide(String tenant, UUID id, String status, @Nullable String dataset, @Nullable Integer version,
            String decidedBy, @Nullable String reason) {
        jdbc.sql("""
                UPDATE candidates SET status = :status, dataset = :dataset, dataset_version = :version,
                       decided_by = :who, decided_at = now(), reason = :reason
                 WHERE tenant_id = :tenant AND id = :id""")
            .param("status", status)
            .param("dataset", dataset)
            .param("version", version)
            .param("who", decidedBy)
            .param("reason", reason)
            .param("tenant", tenant)
            .param("id", id)
            .update();
    }

    private Candidate read(ResultSet rs) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        int version = rs.getInt("dataset_version");
        Integer datasetVersion = rs.wasNull() ? null : version;
        return new Candidate(rs.getObject("id", UUID.class), rs.getString("source"), rs.getString("signal"),
                rs.getObject("conversation_id", UUID.class), rs.getObject("message_id", UUID.class),
                rs.getString("knowledge_base"), json.readValue(rs.getString("turns"), new TypeReference<List<String>>() {
                }), rs.getString("answer"), rs.getString("reference"),
                json.readValue(rs.getString("cited_documents"), new TypeReference<List<Map<String, Object>>>() {
                }), rs.getString("comment"), rs.getString("signalled_by"), rs.getString("status"),
                rs.getString("dataset"), datasetVersion, rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(), rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant());
    }
}
