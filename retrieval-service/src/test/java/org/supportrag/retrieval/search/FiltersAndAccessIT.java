package org.supportrag.retrieval.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.contracts.retrieval.v1.SearchFilters;
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

/**
 * Filters, ACL groups and language-aware full-text search over real HTTP and PostgreSQL: what the index request
 * carries is stored and filtered on, and the caller's groups from the token decide what is visible in every mode.
 */
@RetrievalIT
class FiltersAndAccessIT {

    private static final List<String> MODES = List.of("dense", "lexical", "hybrid", "full");

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
    void showsChunksWithAclGroupsOnlyToCallersInOneOfThemInEveryMode() {
        UUID everyone = index(new IndexDocumentRequest("default", "Refund policy", "refunds.md",
                chunks("Refunds are paid within 14 days of receiving the returned item."), "markdown", "en", null,
                null));
        UUID staff = index(new IndexDocumentRequest("default", "Refund exceptions for staff", "staff-refunds.md",
                chunks("Internal: refunds above 500 euros need a manager's approval before payment."), "markdown",
                "en", Set.of("staff", "finance"), null));

        for (String mode : MODES) {
            assertThat(documents(search(Set.of(), "refunds payment approval", mode, null))).as(mode)
                .containsOnly(everyone);
            assertThat(documents(search(Set.of("finance"), "refunds payment approval", mode, null))).as(mode)
                .containsExactlyInAnyOrder(everyone, staff);
            assertThat(documents(search(Set.of("sales"), "refunds payment approval", mode, null))).as(mode)
                .containsOnly(everyone);
        }
    }

    @Test
    void filtersByLanguageKindMetadataTagsDocumentSourceAndIndexTime() {
        Instant beforeIndexing = Instant.now().minusSeconds(1);
        UUID manual = index(new IndexDocumentRequest("default", "Router manual", "manuals/router.pdf",
                chunks("Reset the router by holding the reset button for ten seconds."), "pdf", "en", null,
                Map.of("product", "router", "tags", "hardware, reset")));
        UUID faq = index(new IndexDocumentRequest("default", "Router FAQ", "https://help.example.com/router-faq",
                chunks("To reset the router, unplug it for ten seconds and plug it back in."), "markdown", "en", null,
                Map.of("product", "router", "tags", "faq")));
        UUID german = index(new IndexDocumentRequest("default", "Router zurücksetzen", "de/router.md",
                chunks("Halten Sie die Reset-Taste des Routers zehn Sekunden lang gedrückt."), "markdown", "de", null,
                Map.of("product", "router")));
        UUID modem = index(new IndexDocumentRequest("default", "Modem manual", "manuals/modem.pdf",
                chunks("Reset the modem from the web interface under Maintenance."), "pdf", "en", null,
                Map.of("product", "modem", "tags", "hardware")));
        String query = "reset router";

        for (String mode : MODES) {
            assertThat(documents(search(Set.of(), query, mode, SearchFilters.language("de")))).as(mode)
                .containsOnly(german);
            assertThat(documents(search(Set.of(), query, mode, filters(null, Set.of("pdf"), null, null, null, null,
                    null, null)))).as(mode).containsExactlyInAnyOrder(manual, modem);
            assertThat(documents(search(Set.of(), query, mode, filters("en", null, Map.of("product", "router"), null,
                    null, null, null, null)))).as(mode).containsExactlyInAnyOrder(manual, faq);
            assertThat(documents(search(Set.of(), query, mode, filters(null, null, null, Set.of("hardware", "reset"),
                    null, null, null, null)))).as(mode).containsOnly(manual);
            assertThat(documents(search(Set.of(), query, mode, filters(null, null, null, null, Set.of(faq, modem),
                    null, null, null)))).as(mode).containsExactlyInAnyOrder(faq, modem);
            assertThat(documents(search(Set.of(), query, mode, filters(null, null, null, null, null, "manuals/", null,
                    null)))).as(mode).containsExactlyInAnyOrder(manual, modem);
            assertThat(documents(search(Set.of(), query, mode, filters(null, null, null, null, null, null,
                    beforeIndexing, null)))).as(mode).contains(manual, faq, modem);
            assertThat(search(Set.of(), query, mode, filters(null, null, null, null, null, null, null,
                    beforeIndexing)).results()).as(mode).isEmpty();
        }
    }

    @Test
    void stemsEachDocumentAndQueryInItsOwnLanguage() {
        UUID german = index(new IndexDocumentRequest("default", "Rechnungen", "de/rechnungen.md",
                chunks("Alle Rechnungen werden monatlich per E-Mail verschickt."), "markdown", "de", null, null));
        index(new IndexDocumentRequest("default", "Invoices", "en/invoices.md",
                chunks("Invoices are sent monthly by email."), "markdown", "en", null, null));

        // German stemming maps "Rechnung" and "Rechnungen" to one lexeme; English stemming would not.
        assertThat(documents(search(Set.of(), "Rechnung", "lexical", SearchFilters.language("de"))))
            .containsOnly(german);
        assertThat(jdbc.sql("SELECT ts_config::text FROM retrieval.chunks WHERE tenant_id = ? AND document_id = ?")
            .param(tenant)
            .param(german)
            .query(String.class)
            .single()).isEqualTo("german");
    }

    @Test
    void rejectsInvalidFiltersWithProblems() {
        assertProblem(send(Set.of(), new SearchRequest("reset", null, null, null, filters(null, null, null, null, null,
                null, Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")), null)),
                "urn:supportrag:problem:invalid-filter");
        assertProblem(send(Set.of(), new SearchRequest("reset", null, null, null, SearchFilters.language("german"),
                null)), "urn:supportrag:problem:validation");
        assertProblem(send(Set.of(), new SearchRequest("reset", null, null, null, filters(null, Set.of(" "), null,
                null, null, null, null, null), null)), "urn:supportrag:problem:validation");
        ResponseEntity<String> unknownSpeaker = http.post().uri("/api/v1/search")
            .headers(headers -> headers.setBearerAuth(token(Set.of())))
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"query\":\"and that?\",\"history\":[{\"speaker\":\"system\",\"text\":\"hi\"}]}")
            .retrieve()
            .toEntity(String.class);
        assertProblem(unknownSpeaker, "urn:supportrag:problem:validation");
    }

    @Test
    void rewritesAFollowUpWithTheConversationHistoryInFullModeOnly() {
        UUID headphones = index(new IndexDocumentRequest("default", "Zephyr headphones warranty", "zephyr.md",
                chunks("Zephyr headphones carry a two-year warranty covering battery and hinge defects."), "markdown",
                "en", null, null));
        index(new IndexDocumentRequest("default", "Store opening hours", "hours.md",
                chunks("How long are stores open? Our stores are open from nine to six."), "markdown", "en", null,
                null));
        List<org.supportrag.contracts.retrieval.v1.ConversationTurn> history = List.of(
                new org.supportrag.contracts.retrieval.v1.ConversationTurn("user", "Do Zephyr headphones have a warranty?"),
                new org.supportrag.contracts.retrieval.v1.ConversationTurn("assistant", "Yes, they do."));

        SearchResponse full = searchResponse(send(Set.of(), new SearchRequest("How long is it?", null, 1, "full",
                null, history)));
        assertThat(full.standaloneQuery()).startsWith("How long is it?").contains("zephyr");
        assertThat(documents(full)).containsExactly(headphones);
        SearchResponse dense = searchResponse(send(Set.of(), new SearchRequest("How long is it?", null, 1, "dense",
                null, history)));
        assertThat(dense.standaloneQuery()).isNull();
    }

    @Test
    void everyHitCarriesItsDocumentKindInEveryMode() {
        index(new IndexDocumentRequest("default", "Ticket T-1: Refund", "tickets.json#T-1",
                chunks("Resolution: the refund for the annual plan was issued within five business days."), "ticket",
                "en", null, null));
        index(new IndexDocumentRequest("default", "Refunds", "refunds.md",
                chunks("Refunds for the annual plan are issued within five business days."), "markdown", "en", null,
                null));

        for (String mode : List.of("dense", "lexical", "hybrid", "full")) {
            List<SearchHit> hits = searchResponse(send(Set.of(), new SearchRequest("annual plan refund business days",
                    null, 5, mode, null, null))).results();
            assertThat(hits).as(mode).extracting(SearchHit::kind).containsExactlyInAnyOrder("ticket", "markdown");
            assertThat(hits).as(mode).filteredOn(SearchHit::ticket).singleElement()
                .satisfies(hit -> assertThat(hit.title()).startsWith("Ticket T-1"));
        }
    }

    private static SearchFilters filters(@Nullable String language, @Nullable Set<String> kinds,
            @Nullable Map<String, String> metadata, @Nullable Set<String> tags, @Nullable Set<UUID> documents,
            @Nullable String source, @Nullable Instant after, @Nullable Instant before) {
        return new SearchFilters(language, kinds, metadata, tags, documents, source, after, before);
    }

    private List<IndexChunk> chunks(String... texts) {
        List<float[]> vectors = embedder.embedDocuments(List.of(texts));
        return IntStream.range(0, texts.length)
            .mapToObj(i -> new IndexChunk(i, texts[i], null, embedder.countTokens(texts[i]), vectors.get(i)))
            .toList();
    }

    private UUID index(IndexDocumentRequest request) {
        UUID document = UUID.randomUUID();
        ResponseEntity<String> response = http.put().uri("/api/v1/index/documents/" + document)
            .headers(headers -> headers.setBearerAuth(
                    tokens.mint(new CallerIdentity(tenant, "ingestion", Set.of(Roles.SERVICE), Set.of(), null))))
            .contentType(MediaType.APPLICATION_JSON)
            .body(request)
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return document;
    }

    private SearchResponse search(Set<String> groups, String query, String mode, @Nullable SearchFilters filters) {
        return searchResponse(send(groups, new SearchRequest(query, null, 20, mode, filters, null)));
    }

    private ResponseEntity<String> send(Set<String> groups, SearchRequest request) {
        return http.post().uri("/api/v1/search")
            .headers(headers -> headers.setBearerAuth(token(groups)))
            .contentType(MediaType.APPLICATION_JSON)
            .body(request)
            .retrieve()
            .toEntity(String.class);
    }

    private String token(Set<String> groups) {
        return tokens.mint(new CallerIdentity(tenant, "customer-1", Set.of(Roles.CUSTOMER), groups, null));
    }

    private SearchResponse searchResponse(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readValue(response.getBody(), SearchResponse.class);
    }

    private static List<UUID> documents(SearchResponse response) {
        return response.results().stream().map(SearchHit::documentId).distinct().toList();
    }

    private void assertProblem(ResponseEntity<String> response, String type) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("type").asString()).isEqualTo(type);
    }
}
