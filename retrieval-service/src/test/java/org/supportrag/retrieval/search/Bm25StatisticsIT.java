package org.supportrag.retrieval.search;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestHttp;
import org.supportrag.retrieval.testing.RetrievalIT;

import static org.assertj.core.api.Assertions.assertThat;

/** BM25's term statistics follow every replace and delete, and rare terms outweigh common ones in lexical ranking. */
@RetrievalIT
class Bm25StatisticsIT {

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    TextEmbedder embedder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    RestClient http;

    String tenant;

    @BeforeEach
    void setUp() {
        http = TestHttp.lenientClient(port);
        tenant = "t-" + UUID.randomUUID();
    }

    @Test
    void keepsDocumentFrequenciesAndTotalsInStepWithReplacesAndDeletes() {
        UUID first = UUID.randomUUID();
        index(first, "default", "Orders", "Orders ship daily.", "Orders can be cancelled.");
        index(UUID.randomUUID(), "default", "Payments", "Payments by card.");

        assertThat(df("default", "order")).isEqualTo(2);
        assertThat(df("default", "payment")).isEqualTo(1);
        assertThat(chunks("default")).isEqualTo(3);
        assertThat(postings("default", "order")).isEqualTo(2);
        assertThat(postingsMatchTheChunks()).isTrue();

        // Replacing moves the document to another knowledge base with different text.
        index(first, "archive", "Orders", "Orders ship weekly.");
        assertThat(df("default", "order")).isZero();
        assertThat(df("archive", "order")).isEqualTo(1);
        assertThat(df("archive", "week")).isEqualTo(1);
        assertThat(chunks("default")).isEqualTo(1);
        assertThat(chunks("archive")).isEqualTo(1);
        assertThat(postings("default", "order")).isZero();
        assertThat(postings("archive", "week")).isEqualTo(1);
        assertThat(postingsMatchTheChunks()).isTrue();

        http.delete().uri("/api/v1/index/documents/" + first).headers(h -> h.setBearerAuth(serviceToken())).retrieve()
            .toBodilessEntity();
        assertThat(df("archive", "order")).isZero();
        assertThat(chunks("archive")).isZero();
        assertThat(postings("archive", "order")).isZero();
        assertThat(postingsMatchTheChunks()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM retrieval.term_stats WHERE tenant_id = ? AND df = 0")
            .param(tenant)
            .query(Long.class)
            .single()).isZero();
    }

    @Test
    void ranksAChunkMatchingTheRareTermAboveOnesMatchingOnlyACommonTerm() {
        for (int i = 0; i < 8; i++) {
            index(UUID.randomUUID(), "default", "Account page " + i, "Your account shows order " + i + " details.");
        }
        UUID rare = UUID.randomUUID();
        index(rare, "default", "Passkeys", "Passkeys replace the password of an account.");

        SearchResponse response = search("account passkeys");

        assertThat(response.results()).hasSize(9);
        assertThat(response.results().getFirst().documentId()).isEqualTo(rare);
        assertThat(response.results()).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void weightsTitleMatchesAboveBodyMatches() {
        UUID titled = UUID.randomUUID();
        index(titled, "default", "Invoice address", "Change it in the billing settings.");
        UUID body = UUID.randomUUID();
        index(body, "default", "Billing settings", "The invoice address is printed on every page.");

        assertThat(search("invoice address").results().getFirst().documentId()).isEqualTo(titled);
    }

    private long postings(String knowledgeBase, String lexeme) {
        return jdbc.sql("SELECT count(*) FROM retrieval.chunk_terms "
                + "WHERE tenant_id = ? AND knowledge_base = ? AND lexeme = ?")
            .param(tenant)
            .param(knowledgeBase)
            .param(lexeme)
            .query(Long.class)
            .single();
    }

    /** Every (chunk, lexeme) of the tenant's tsvectors has exactly its posting, with the same counts and length. */
    private boolean postingsMatchTheChunks() {
        return jdbc.sql("""
                WITH expected AS (
                    SELECT c.knowledge_base, u.lexeme, c.id AS chunk_id, cardinality(u.weights) AS occurrences,
                           cardinality(array_positions(u.weights, 'A')) AS in_title,
                           cardinality(array_positions(u.weights, 'B')) AS in_section, length(c.content_tsv) AS length
                    FROM retrieval.chunks c, unnest(c.content_tsv) u WHERE c.tenant_id = :tenant
                ), stored AS (
                    SELECT knowledge_base, lexeme, chunk_id, occurrences, in_title, in_section, chunk_length
                    FROM retrieval.chunk_terms WHERE tenant_id = :tenant
                )
                SELECT NOT EXISTS (SELECT * FROM expected EXCEPT SELECT * FROM stored)
                   AND NOT EXISTS (SELECT * FROM stored EXCEPT SELECT * FROM expected)
                """)
            .param("tenant", tenant)
            .query(Boolean.class)
            .single();
    }

    private long df(String knowledgeBase, String lexeme) {
        return jdbc.sql("SELECT coalesce(sum(df), 0) FROM retrieval.term_stats "
                + "WHERE tenant_id = ? AND knowledge_base = ? AND lexeme = ?")
            .param(tenant)
            .param(knowledgeBase)
            .param(lexeme)
            .query(Long.class)
            .single();
    }

    private long chunks(String knowledgeBase) {
        return jdbc.sql("SELECT coalesce(sum(chunks), 0) FROM retrieval.kb_stats "
                + "WHERE tenant_id = ? AND knowledge_base = ?")
            .param(tenant)
            .param(knowledgeBase)
            .query(Long.class)
            .single();
    }

    private void index(UUID document, String knowledgeBase, String title, String... texts) {
        List<float[]> vectors = embedder.embedDocuments(List.of(texts));
        List<IndexChunk> chunks = IntStream.range(0, texts.length)
            .mapToObj(i -> new IndexChunk(i, texts[i], null, embedder.countTokens(texts[i]), vectors.get(i)))
            .toList();
        ResponseEntity<String> response = http.put().uri("/api/v1/index/documents/" + document)
            .headers(headers -> headers.setBearerAuth(serviceToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(new IndexDocumentRequest(knowledgeBase, title, null, chunks))
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    }

    private SearchResponse search(String query) {
        ResponseEntity<String> response = http.post().uri("/api/v1/search")
            .headers(headers -> headers.setBearerAuth(
                    tokens.mint(new CallerIdentity(tenant, "c", Set.of(Roles.CUSTOMER), Set.of(), null))))
            .contentType(MediaType.APPLICATION_JSON)
            .body(new SearchRequest(query, null, 20, "lexical"))
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readValue(response.getBody(), SearchResponse.class);
    }

    private String serviceToken() {
        return tokens.mint(new CallerIdentity(tenant, "ingestion", Set.of(Roles.SERVICE), Set.of(), null));
    }
}
