package org.supportrag.retrieval.search;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.pgvector.PGvector;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.retrieval.RetrievalProperties;

/**
 * Nearest chunks by cosine distance through the HNSW index. Filters are applied while the index is scanned; pgvector's
 * iterative index scan keeps scanning until {@code limit} rows pass them, so filtered queries keep their recall.
 */
@Repository
class VectorSearch {

    // ORDER BY must be the bare distance expression (no tie-breaker) for the HNSW index to serve it.
    private static final String NEAREST = """
            SELECT c.id, c.document_id, c.title, c.source_uri, c.section_path, c.content, c.kind,
                   c.embedding <=> :query AS distance
            FROM retrieval.chunks c
            WHERE %s
            ORDER BY c.embedding <=> :query
            LIMIT :limit
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String efSearch;
    private final String iterativeScan;

    VectorSearch(JdbcClient jdbc, PlatformTransactionManager transactionManager, RetrievalProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setReadOnly(true);
        this.efSearch = String.valueOf(properties.efSearch());
        this.iterativeScan = properties.iterativeScan().setting();
    }

    List<SearchHit> nearest(ChunkFilter filter, float[] query, int limit) {
        List<SearchHit> hits = transaction.execute(status -> {
            // SET LOCAL via set_config(..., true): scoped to this transaction, so pooled connections stay clean.
            // Custom plans only come from the connection (plan_cache_mode in application.yml): a cached generic plan
            // knows neither the knowledge base's size nor the vector and scans and sorts the whole table.
            jdbc.sql("SELECT set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', ?, true)")
                .param(efSearch)
                .param(iterativeScan)
                .query()
                .singleRow();
            List<SearchHit> ranked = new ArrayList<>(limit);
            filter.bind(jdbc.sql(NEAREST.formatted(filter.sql())))
                .param("query", new PGvector(query))
                .param("limit", limit)
                .query(resultSet -> {
                    ranked.add(new SearchHit(resultSet.getObject("id", UUID.class),
                            resultSet.getObject("document_id", UUID.class), resultSet.getString("title"),
                            resultSet.getString("source_uri"), resultSet.getString("section_path"),
                            resultSet.getString("content"), 1 - resultSet.getDouble("distance"), ranked.size() + 1,
                            resultSet.getString("kind")));
                });
            return ranked;
        });
        return hits == null ? List.of() : hits;
    }
}
