package org.supportrag.ingestion.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Document rows, always scoped to one tenant and knowledge base. */
@Repository
@RequiredArgsConstructor
class DocumentRepository {

    private static final String COLUMNS = "id, tenant_id, knowledge_base, source_uri, title, kind, content_hash, "
            + "index_fingerprint, version, chunk_count, language, acl_groups, tags, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Optional<StoredDocument> findBySource(String tenantId, String knowledgeBase, String sourceUri) {
        return findOne(tenantId, knowledgeBase, "source_uri", sourceUri);
    }

    Optional<StoredDocument> findById(String tenantId, String knowledgeBase, UUID id) {
        return findOne(tenantId, knowledgeBase, "id", id);
    }

    /** @param column a unique key within the knowledge base (a constant, never input) */
    private Optional<StoredDocument> findOne(String tenantId, String knowledgeBase, String column, Object value) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ingestion.documents "
                + "WHERE tenant_id = ? AND knowledge_base = ? AND " + column + " = ?")
            .params(tenantId, knowledgeBase, value)
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
            String contentHash, String indexFingerprint, int chunkCount, @Nullable String language,
            Collection<String> tags, Collection<String> aclGroups, String metadataJson) {
        return jdbc.sql("""
                INSERT INTO ingestion.documents (id, tenant_id, knowledge_base, source_uri, title, kind, content_hash,
                    index_fingerprint, version, chunk_count, language, tags, acl_groups, metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?::text[], ?::text[], ?::jsonb)
                ON CONFLICT (tenant_id, knowledge_base, source_uri) DO UPDATE SET
                    title = EXCLUDED.title, kind = EXCLUDED.kind, content_hash = EXCLUDED.content_hash,
                    index_fingerprint = EXCLUDED.index_fingerprint, version = documents.version + 1,
                    chunk_count = EXCLUDED.chunk_count, language = EXCLUDED.language, tags = EXCLUDED.tags,
                    acl_groups = EXCLUDED.acl_groups, metadata = EXCLUDED.metadata, updated_at = now()
                RETURNING version""")
            .params(Arrays.asList(id, tenantId, knowledgeBase, sourceUri, title, kind.value(), contentHash,
                    indexFingerprint,
                    chunkCount, language, textArray(tags), textArray(aclGroups), metadataJson))
            .query(Integer.class)
            .single();
    }

    /** A stored chunk: where it sits in the document and in its extracted text. */
    record ChunkRow(int ordinal, String text, String sectionPath, @Nullable Integer page, @Nullable Integer startOffset,
            @Nullable Integer endOffset, int tokenCount) {
    }

    /** Replaces the document's chunk rows; run in the transaction that upserts the document. */
    void replaceChunks(String tenantId, UUID documentId, List<ChunkRow> chunks) {
        jdbc.sql("DELETE FROM ingestion.chunks WHERE document_id = ?").param(documentId).update();
        template.batchUpdate("""
                INSERT INTO ingestion.chunks (tenant_id, document_id, ordinal, text, section_path, page, start_offset,
                    end_offset, token_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", chunks, 500, (ps, chunk) -> {
            ps.setString(1, tenantId);
            ps.setObject(2, documentId);
            ps.setInt(3, chunk.ordinal());
            ps.setString(4, chunk.text());
            ps.setString(5, chunk.sectionPath());
            ps.setObject(6, chunk.page());
            ps.setObject(7, chunk.startOffset());
            ps.setObject(8, chunk.endOffset());
            ps.setInt(9, chunk.tokenCount());
        });
    }

    private static String textArray(Collection<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (String value : values) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }

    boolean delete(String tenantId, UUID id) {
        return jdbc.sql("DELETE FROM ingestion.documents WHERE tenant_id = ? AND id = ?").params(tenantId, id).update() == 1;
    }

    private static StoredDocument map(ResultSet rs, int row) throws SQLException {
        return new StoredDocument(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                rs.getString("knowledge_base"), rs.getString("source_uri"), rs.getString("title"),
                DocumentKind.fromValue(rs.getString("kind")), rs.getString("content_hash"),
                rs.getString("index_fingerprint"), rs.getInt("version"), rs.getInt("chunk_count"),
                rs.getString("language"), strings(rs.getArray("acl_groups")), strings(rs.getArray("tags")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static List<String> strings(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
