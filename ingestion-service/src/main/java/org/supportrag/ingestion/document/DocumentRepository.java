package org.supportrag.ingestion.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Document rows, always scoped to one tenant and knowledge base. */
@Repository
class DocumentRepository {

    private static final String COLUMNS = "id, tenant_id, knowledge_base, source_uri, title, kind, content_hash, "
            + "index_fingerprint, version, chunk_count, created_at, updated_at";

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredDocument> findBySource(String tenantId, String knowledgeBase, String sourceUri) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ingestion.documents "
                + "WHERE tenant_id = ? AND knowledge_base = ? AND source_uri = ?")
            .params(tenantId, knowledgeBase, sourceUri)
            .query(DocumentRepository::map)
            .optional();
    }

    Optional<StoredDocument> findById(String tenantId, String knowledgeBase, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ingestion.documents "
                + "WHERE tenant_id = ? AND knowledge_base = ? AND id = ?")
            .params(tenantId, knowledgeBase, id)
            .query(DocumentRepository::map)
            .optional();
    }

    List<StoredDocument> list(String tenantId, String knowledgeBase) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ingestion.documents "
                + "WHERE tenant_id = ? AND knowledge_base = ? ORDER BY source_uri")
            .params(tenantId, knowledgeBase)
            .query(DocumentRepository::map)
            .list();
    }

    /**
     * Serializes writers of one source (tenant, knowledge base, name) until the transaction ends, so concurrent
     * uploads of a new file cannot index it under two ids.
     */
    void lockSource(String tenantId, String knowledgeBase, String sourceUri) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
            .param(tenantId + "\n" + knowledgeBase + "\n" + sourceUri)
            .query((RowCallbackHandler) rs -> {
            });
    }

    /** Inserts version 1 or replaces the row with the next version; returns the stored version. */
    int upsert(UUID id, String tenantId, String knowledgeBase, String sourceUri, String title, DocumentKind kind,
            String contentHash, String indexFingerprint, int chunkCount) {
        return jdbc.sql("""
                INSERT INTO ingestion.documents (id, tenant_id, knowledge_base, source_uri, title, kind, content_hash,
                    index_fingerprint, version, chunk_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
                ON CONFLICT (tenant_id, knowledge_base, source_uri) DO UPDATE SET
                    title = EXCLUDED.title, kind = EXCLUDED.kind, content_hash = EXCLUDED.content_hash,
                    index_fingerprint = EXCLUDED.index_fingerprint, version = documents.version + 1,
                    chunk_count = EXCLUDED.chunk_count, updated_at = now()
                RETURNING version""")
            .params(id, tenantId, knowledgeBase, sourceUri, title, kind.value(), contentHash, indexFingerprint,
                    chunkCount)
            .query(Integer.class)
            .single();
    }

    boolean delete(String tenantId, UUID id) {
        return jdbc.sql("DELETE FROM ingestion.documents WHERE tenant_id = ? AND id = ?").params(tenantId, id).update() == 1;
    }

    private static StoredDocument map(ResultSet rs, int row) throws SQLException {
        return new StoredDocument(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                rs.getString("knowledge_base"), rs.getString("source_uri"), rs.getString("title"),
                DocumentKind.fromValue(rs.getString("kind")), rs.getString("content_hash"),
                rs.getString("index_fingerprint"), rs.getInt("version"), rs.getInt("chunk_count"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
