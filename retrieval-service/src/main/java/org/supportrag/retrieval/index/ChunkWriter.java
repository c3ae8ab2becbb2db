package org.supportrag.retrieval.index;

import java.util.List;
import java.util.UUID;

import com.pgvector.PGvector;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;

/** Writes {@code retrieval.chunks}; every statement is scoped to one tenant. */
@Repository
class ChunkWriter {

    // Rows per JDBC batch: large enough to amortize round trips, small enough to bound driver memory.
    private static final int BATCH_SIZE = 200;

    private static final String INSERT = """
            INSERT INTO retrieval.chunks (id, tenant_id, knowledge_base, document_id, ordinal, title, source_uri,
                                          section_path, content, token_count, embedding)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transaction;

    ChunkWriter(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Replaces all chunks of a document atomically: readers see the old version or the new one, never a mix. */
    int replace(String tenantId, UUID documentId, IndexDocumentRequest request) {
        List<IndexChunk> chunks = request.chunks();
        Integer written = transaction.execute(status -> {
            lockDocument(tenantId, documentId);
            deleteChunks(tenantId, documentId);
            jdbcTemplate.batchUpdate(INSERT, chunks, BATCH_SIZE, (statement, chunk) -> {
                statement.setObject(1, UUID.randomUUID());
                statement.setString(2, tenantId);
                statement.setString(3, request.knowledgeBase());
                statement.setObject(4, documentId);
                statement.setInt(5, chunk.ordinal());
                statement.setString(6, request.title());
                statement.setString(7, request.sourceUri());
                statement.setString(8, chunk.sectionPath());
                statement.setString(9, chunk.text());
                statement.setInt(10, chunk.tokenCount());
                statement.setObject(11, new PGvector(chunk.embedding()));
            });
            return chunks.size();
        });
        return written == null ? 0 : written;
    }

    /** Deletes all chunks of a document; false when the tenant has none. */
    boolean delete(String tenantId, UUID documentId) {
        Boolean deleted = transaction.execute(status -> {
            lockDocument(tenantId, documentId);
            return deleteChunks(tenantId, documentId) > 0;
        });
        return Boolean.TRUE.equals(deleted);
    }

    /**
     * Serializes writers of the same document until commit. Without it two concurrent replaces of one document
     * could both delete, then collide on the (tenant, document, ordinal) unique key.
     */
    private void lockDocument(String tenantId, UUID documentId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
            .param(tenantId + '\n' + documentId)
            .query(resultSet -> {
            });
    }

    private int deleteChunks(String tenantId, UUID documentId) {
        return jdbc.sql("DELETE FROM retrieval.chunks WHERE tenant_id = ? AND document_id = ?")
            .param(tenantId)
            .param(documentId)
            .update();
    }
}
