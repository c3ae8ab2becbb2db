package org.supportrag.retrieval.index;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.pgvector.PGvector;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.retrieval.text.TextSearchConfigs;

/** Writes {@code retrieval.chunks}; every statement is scoped to one tenant. */
@Repository
@RequiredArgsConstructor
class ChunkWriter {

    // Rows per JDBC batch: large enough to amortize round trips, small enough to bound driver memory.
    private static final int BATCH_SIZE = 200;

    private static final String INSERT = """
            INSERT INTO retrieval.chunks (id, tenant_id, knowledge_base, document_id, ordinal, title, source_uri,
                                          section_path, content, token_count, embedding, kind, language, acl_groups,
                                          metadata, ts_config)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::regconfig)
            """;

    /*
     * BM25 statistics follow the chunks in the same transaction. Deleted chunks' lexemes are subtracted, inserted ones
     * added; rows reaching 0 are removed. Writers of one knowledge base serialize on an advisory lock first (see
     * lockStatistics), so the row locks of these upserts cannot deadlock.
     */
    private static final String DELETE_COUNTING = """
            WITH old AS (
                DELETE FROM retrieval.chunks WHERE tenant_id = :tenant AND document_id = :document
                RETURNING knowledge_base, content_tsv
            ), terms AS (
                UPDATE retrieval.term_stats t SET df = greatest(t.df - o.df, 0)
                FROM (SELECT old.knowledge_base, u.lexeme, count(*) AS df
                      FROM old, unnest(old.content_tsv) u GROUP BY old.knowledge_base, u.lexeme) o
                WHERE t.tenant_id = :tenant AND t.knowledge_base = o.knowledge_base AND t.lexeme = o.lexeme
            ), totals AS (
                UPDATE retrieval.kb_stats k
                SET chunks = greatest(k.chunks - o.chunks, 0), total_length = greatest(k.total_length - o.length, 0)
                FROM (SELECT knowledge_base, count(*) AS chunks, sum(length(content_tsv)) AS length
                      FROM old GROUP BY knowledge_base) o
                WHERE k.tenant_id = :tenant AND k.knowledge_base = o.knowledge_base
            )
            SELECT count(*) FROM old
            """;

    private static final String ADD_TERMS = """
            INSERT INTO retrieval.term_stats AS t (tenant_id, knowledge_base, lexeme, df)
            SELECT c.tenant_id, c.knowledge_base, u.lexeme, count(*)
            FROM retrieval.chunks c, unnest(c.content_tsv) u
            WHERE c.tenant_id = :tenant AND c.document_id = :document
            GROUP BY c.tenant_id, c.knowledge_base, u.lexeme
            ORDER BY u.lexeme
            ON CONFLICT (tenant_id, knowledge_base, lexeme) DO UPDATE SET df = t.df + EXCLUDED.df
            """;

    // The postings lexical search scores from (V50); the chunks' delete takes them along (ON DELETE CASCADE).
    private static final String ADD_POSTINGS = """
            INSERT INTO retrieval.chunk_terms (tenant_id, knowledge_base, lexeme, chunk_id, occurrences, in_title,
                                               in_section, chunk_length)
            SELECT c.tenant_id, c.knowledge_base, u.lexeme, c.id, cardinality(u.weights),
                   cardinality(array_positions(u.weights, 'A')), cardinality(array_positions(u.weights, 'B')),
                   length(c.content_tsv)
            FROM retrieval.chunks c, unnest(c.content_tsv) u
            WHERE c.tenant_id = :tenant AND c.document_id = :document
            """;

    private static final String ADD_TOTALS = """
            INSERT INTO retrieval.kb_stats AS k (tenant_id, knowledge_base, chunks, total_length)
            SELECT c.tenant_id, c.knowledge_base, count(*), sum(length(c.content_tsv))
            FROM retrieval.chunks c
            WHERE c.tenant_id = :tenant AND c.document_id = :document
            GROUP BY c.tenant_id, c.knowledge_base
            ON CONFLICT (tenant_id, knowledge_base) DO UPDATE
            SET chunks = k.chunks + EXCLUDED.chunks, total_length = k.total_length + EXCLUDED.total_length
            """;

    private static final String PRUNE_TERMS = """
            DELETE FROM retrieval.term_stats WHERE tenant_id = :tenant AND df = 0
            AND knowledge_base IN (SELECT unnest(CAST(:knowledgeBases AS text[])))
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    /** Replaces all chunks of a document atomically: readers see the old version or the new one, never a mix. */
    int replace(String tenantId, UUID documentId, IndexDocumentRequest request) {
        List<IndexChunk> chunks = request.chunks();
        String metadata = json.writeValueAsString(request.metadataOrEmpty());
        String[] aclGroups = request.aclGroupsOrEmpty().stream().sorted().toArray(String[]::new);
        String tsConfig = TextSearchConfigs.forLanguage(request.language());
        Integer written = transaction.execute(status -> {
            lockDocument(tenantId, documentId);
            List<String> knowledgeBases = new ArrayList<>(storedKnowledgeBases(tenantId, documentId));
            knowledgeBases.add(request.knowledgeBase());
            lockStatistics(tenantId, knowledgeBases);
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
                statement.setString(12, request.kind());
                statement.setString(13, request.language());
                statement.setArray(14, statement.getConnection().createArrayOf("text", aclGroups));
                statement.setString(15, metadata);
                statement.setString(16, tsConfig);
            });
            jdbc.sql(ADD_TERMS).param("tenant", tenantId).param("document", documentId).update();
            jdbc.sql(ADD_POSTINGS).param("tenant", tenantId).param("document", documentId).update();
            jdbc.sql(ADD_TOTALS).param("tenant", tenantId).param("document", documentId).update();
            pruneTerms(tenantId, knowledgeBases);
            return chunks.size();
        });
        return written == null ? 0 : written;
    }

    /** Deletes all chunks of a document; false when the tenant has none. */
    boolean delete(String tenantId, UUID documentId) {
        Boolean deleted = transaction.execute(status -> {
            lockDocument(tenantId, documentId);
            List<String> knowledgeBases = storedKnowledgeBases(tenantId, documentId);
            lockStatistics(tenantId, knowledgeBases);
            boolean any = deleteChunks(tenantId, documentId) > 0;
            pruneTerms(tenantId, knowledgeBases);
            return any;
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

    private List<String> storedKnowledgeBases(String tenantId, UUID documentId) {
        return jdbc.sql("SELECT DISTINCT knowledge_base FROM retrieval.chunks WHERE tenant_id = ? AND document_id = ?")
            .param(tenantId)
            .param(documentId)
            .query(String.class)
            .list();
    }

    /**
     * Serializes index writers per knowledge base until commit, in a fixed (sorted) order: the statistics rows they
     * update overlap (common lexemes, the knowledge base's totals), and one writer at a time keeps those updates free
     * of deadlocks. Writers of different knowledge bases still run in parallel.
     */
    private void lockStatistics(String tenantId, List<String> knowledgeBases) {
        knowledgeBases.stream().distinct().sorted().forEach(knowledgeBase -> jdbc
            .sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 1))")
            .param(tenantId + '\n' + knowledgeBase)
            .query(resultSet -> {
            }));
    }

    private int deleteChunks(String tenantId, UUID documentId) {
        Long deleted = jdbc.sql(DELETE_COUNTING).param("tenant", tenantId).param("document", documentId)
            .query(Long.class)
            .single();
        return deleted == null ? 0 : deleted.intValue();
    }

    private void pruneTerms(String tenantId, List<String> knowledgeBases) {
        jdbc.sql(PRUNE_TERMS)
            .param("tenant", tenantId)
            .param("knowledgeBases", knowledgeBases.stream().distinct().toArray(String[]::new))
            .update();
    }
}
