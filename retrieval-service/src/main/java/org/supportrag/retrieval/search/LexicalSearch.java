package org.supportrag.retrieval.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.retrieval.RetrievalProperties;

/**
 * Full-text search over {@code content_tsv}, parsed with the query's language configuration, ranked by BM25 (IDF and
 * average chunk length from the statistics the index writer maintains; field weights for title and section path,
 * BM25F-style) or, configurably, by PostgreSQL's {@code ts_rank_cd}, which has no IDF.
 */
@Repository
class LexicalSearch {

    /** The query's lexemes (stemmed, stop words dropped) quoted for tsquery syntax. */
    private static final String QUOTED = "'''' || replace(replace(%s, '\\', '\\\\'), '''', '''''') || ''''";

    /*
     * Any of the query's terms matches (OR): natural-language questions rarely have every term in one chunk. Terms
     * the knowledge base does not contain drop out first. Candidates are the chunks holding one of the query's rarer
     * terms: terms by ascending document frequency while their summed frequency stays under max-candidates (the rarest
     * always), so a question full of common words does not score most of the corpus; a chunk with only common terms
     * could not outscore one with a rare term anyway. Every candidate is then scored with all terms. A term's frequency
     * in a chunk counts title (A) and section path (B) occurrences with their field weights, body occurrences once.
     * The query terms' postings (chunk_terms, one index range per term) give candidates and frequencies, instead of
     * unnesting each candidate's tsvector: the same ranking at a third of the time on the demo knowledge base. The
     * CTEs are materialized so that the plan cannot start from the chunks (a stale estimate of one chunk per knowledge
     * base made a nested loop over every chunk's postings, 57 ms). Reading all query terms' postings costs the sum of
     * their document frequencies, about what unnesting the candidates cost before.
     */
    private static final String BM25 = """
            WITH s AS (
                SELECT greatest(k.chunks, 1)::float8 AS n,
                       greatest(k.total_length::float8 / greatest(k.chunks, 1), 1) AS avgdl
                FROM retrieval.kb_stats k WHERE k.tenant_id = :f_tenant AND k.knowledge_base = :f_kb
            ), terms AS MATERIALIZED (
                SELECT t.lexeme, ln(1 + (s.n - t.df + 0.5) / (t.df + 0.5)) AS idf,
                       sum(t.df) OVER (ORDER BY t.df, t.lexeme) - t.df AS rarer
                FROM retrieval.term_stats t, s
                WHERE t.tenant_id = :f_tenant AND t.knowledge_base = :f_kb AND t.df > 0
                  AND t.lexeme = ANY(tsvector_to_array(to_tsvector(CAST(:config AS regconfig), :query)))
            ), matches AS MATERIALIZED (
                SELECT p.chunk_id, p.lexeme, p.chunk_length,
                       p.occurrences + (:titleWeight - 1) * p.in_title + (:sectionWeight - 1) * p.in_section AS tf
                FROM retrieval.chunk_terms p
                WHERE p.tenant_id = :f_tenant AND p.knowledge_base = :f_kb
                  AND p.lexeme = ANY(ARRAY(SELECT lexeme FROM terms))
            ), admitted AS MATERIALIZED (
                SELECT c.id FROM retrieval.chunks c
                WHERE c.id IN (SELECT m.chunk_id FROM matches m JOIN terms t ON t.lexeme = m.lexeme
                               WHERE t.rarer < :maxCandidates)
                  AND %s
            ), scored AS (
                SELECT m.chunk_id AS id,
                       sum(terms.idf * m.tf * (:k1 + 1) / (m.tf + :k1 * (1 - :b + :b * m.chunk_length / s.avgdl)))
                       AS score
                FROM matches m JOIN admitted a ON a.id = m.chunk_id JOIN terms ON terms.lexeme = m.lexeme, s
                GROUP BY m.chunk_id
                ORDER BY score DESC, m.chunk_id
                LIMIT :limit
            )
            SELECT c.id, c.document_id, c.title, c.source_uri, c.section_path, c.content, c.kind, scored.score AS rank
            FROM scored JOIN retrieval.chunks c ON c.id = scored.id
            ORDER BY scored.score DESC, c.id
            """;

    /*
     * ts_rank_cd over the OR of the query's lexemes and its websearch parse (phrases add cover density).
     * Normalization 1|32: divide by 1 + log(length), then scale to rank / (rank + 1).
     */
    private static final String TS_RANK_CD = """
            WITH q AS (
                SELECT websearch_to_tsquery(CAST(:config AS regconfig), :query)
                       || (SELECT string_agg(%s, ' | ')
                           FROM unnest(to_tsvector(CAST(:config AS regconfig), :query)))::tsquery AS terms
            )
            SELECT c.id, c.document_id, c.title, c.source_uri, c.section_path, c.content, c.kind,
                   ts_rank_cd(c.content_tsv, q.terms, 1 | 32) AS rank
            FROM retrieval.chunks c, q
            WHERE %s AND c.content_tsv @@ q.terms
            ORDER BY rank DESC, c.id
            LIMIT :limit
            """.formatted(QUOTED.formatted("lexeme"), "%s");

    /*
     * The query's words (parsed as the search parses them, stop words dropped) and whether a chunk the caller may read
     * holds one of each word's lexemes: one index probe per word on content_tsv.
     */
    private static final String QUERY_TERMS = """
            SELECT d.token, EXISTS (
                       SELECT 1 FROM retrieval.chunks c
                       WHERE %s AND c.content_tsv @@ (SELECT string_agg(%s, ' | ')::tsquery FROM unnest(d.lexemes) l)
                   ) AS found
            FROM ts_debug(CAST(:config AS regconfig), :query) WITH ORDINALITY
                 AS d(alias, description, token, dictionaries, dictionary, lexemes, position)
            WHERE cardinality(d.lexemes) > 0
            ORDER BY d.position
            """.formatted("%s", QUOTED.formatted("l"));

    private final JdbcClient jdbc;
    private final RetrievalProperties.Lexical settings;

    LexicalSearch(JdbcClient jdbc, RetrievalProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.lexical();
    }

    /** The best chunks for {@code query} parsed with text search configuration {@code config}. */
    List<SearchHit> best(ChunkFilter filter, String query, String config, int limit) {
        JdbcClient.StatementSpec statement = switch (settings.scoring()) {
            case BM25 -> jdbc.sql(BM25.formatted(filter.sql()))
                .param("k1", settings.k1())
                .param("b", settings.b())
                .param("titleWeight", settings.titleWeight())
                .param("sectionWeight", settings.sectionWeight())
                .param("maxCandidates", settings.maxCandidates());
            case TS_RANK_CD -> jdbc.sql(TS_RANK_CD.formatted(filter.sql()));
        };
        List<SearchHit> ranked = new ArrayList<>(limit);
        filter.bind(statement)
            .param("query", query)
            .param("config", config)
            .param("limit", limit)
            .query(resultSet -> {
                ranked.add(new SearchHit(resultSet.getObject("id", UUID.class),
                        resultSet.getObject("document_id", UUID.class), resultSet.getString("title"),
                        resultSet.getString("source_uri"), resultSet.getString("section_path"),
                        resultSet.getString("content"), resultSet.getDouble("rank"), ranked.size() + 1,
                        resultSet.getString("kind")));
            });
        return ranked;
    }

    /** Each distinct word of {@code query}, in order, with whether the chunks {@code filter} admits contain it. */
    List<QueryTerm> terms(ChunkFilter filter, String query, String config) {
        Map<String, QueryTerm> terms = new LinkedHashMap<>();
        filter.bind(jdbc.sql(QUERY_TERMS.formatted(filter.sql())))
            .param("query", query)
            .param("config", config)
            .query(resultSet -> {
                String word = resultSet.getString("token");
                terms.putIfAbsent(word, new QueryTerm(word, resultSet.getBoolean("found")));
            });
        return List.copyOf(terms.values());
    }
}
