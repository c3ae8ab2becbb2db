package org.supportrag.retrieval.search;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.supportrag.contracts.retrieval.v1.SearchHit;

/** Full-text search over {@code content_tsv} (title A, section path B, body C), within one tenant's knowledge base. */
@Repository
class LexicalSearch {

    /*
     * A question's terms are OR-ed: websearch_to_tsquery alone ANDs them, and natural-language questions rarely have
     * every term in one chunk. The lexemes come from to_tsvector (stemmed, stop words dropped) and are quoted for the
     * tsquery syntax (backslash and quote escaped). The websearch query is OR-ed in as well, so its phrases add cover
     * density to ts_rank_cd. Normalization 1|32: divide by 1 + log(length), then scale to rank / (rank + 1).
     * No lexemes (only stop words): the query is NULL and matches nothing.
     */
    private static final String MATCHING = """
            WITH q AS (
                SELECT websearch_to_tsquery('english', :query)
                       || (SELECT string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')
                           FROM unnest(to_tsvector('english', :query)))::tsquery AS terms
            )
            SELECT c.id, c.document_id, c.title, c.source_uri, c.section_path, c.content,
                   ts_rank_cd(c.content_tsv, q.terms, 1 | 32) AS rank
            FROM retrieval.chunks c, q
            WHERE c.tenant_id = :tenant AND c.knowledge_base = :knowledgeBase AND c.content_tsv @@ q.terms
            ORDER BY rank DESC, c.id
            LIMIT :limit
            """;

    private final JdbcClient jdbc;

    LexicalSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SearchHit> best(String tenantId, String knowledgeBase, String query, int limit) {
        List<SearchHit> ranked = new ArrayList<>(limit);
        jdbc.sql(MATCHING)
            .param("query", query)
            .param("tenant", tenantId)
            .param("knowledgeBase", knowledgeBase)
            .param("limit", limit)
            .query(resultSet -> {
                ranked.add(new SearchHit(resultSet.getObject("id", UUID.class),
                        resultSet.getObject("document_id", UUID.class), resultSet.getString("title"),
                        resultSet.getString("source_uri"), resultSet.getString("section_path"),
                        resultSet.getString("content"), resultSet.getDouble("rank"), ranked.size() + 1));
            });
        return ranked;
    }
}
