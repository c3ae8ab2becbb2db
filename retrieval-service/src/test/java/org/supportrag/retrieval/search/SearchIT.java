package org.supportrag.retrieval.search;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.contracts.retrieval.v1.IndexDocumentResponse;
import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TerminatedConnections;
import org.supportrag.defaults.testsupport.TestHttp;
import org.supportrag.retrieval.observation.RetrievalObservationConvention;
import org.supportrag.retrieval.testing.RetrievalIT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

/** The index and search APIs over real HTTP, a real PostgreSQL + pgvector and the real embedding model. */
@RetrievalIT
@TestPropertySource(properties = { "rag.retrieval.fusion=rrf" })
class SearchIT {

    private static final List<String> PASSWORD_CHUNKS = List.of(
            "To reset your password, open Settings, choose Security and click Reset password. "
                    + "We email you a link that is valid for 30 minutes.",
            "If you no longer have access to the email address on your account, contact support "
                    + "with your order number to verify your identity before we change it.");

    private static final List<String> SHIPPING_CHUNKS = List.of(
            "Standard shipping takes 3 to 5 business days within the EU. Express delivery arrives the next "
                    + "business day for orders placed before 2 pm.",
            "Parcels are shipped with DHL. You receive a tracking number by email once your order leaves "
                    + "our warehouse.");

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    TextEmbedder embedder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseRetry databaseRetry;

    @Autowired
    SearchPipeline pipeline;

    RestClient http;

    String tenant;

    @BeforeEach
    void setUp() {
        http = TestHttp.lenientClient(port);
        tenant = "t-" + UUID.randomUUID();
    }

    @Test
    void ranksAChunkOfTheDocumentThatAnswersTheQuestionFirst() {
        UUID password = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        UUID shipping = index(tenant, "default", "Shipping and delivery", SHIPPING_CHUNKS);

        SearchResponse passwordAnswer = search(tenant, Roles.CUSTOMER, "How can I change my password?", null, "dense");
        assertThat(passwordAnswer.knowledgeBase()).isEqualTo("default");
        assertThat(passwordAnswer.results()).hasSize(4);
        SearchHit best = passwordAnswer.results().getFirst();
        assertThat(best.documentId()).isEqualTo(password);
        assertThat(best.text()).isEqualTo(PASSWORD_CHUNKS.get(0));
        assertThat(best.title()).isEqualTo("Resetting your password");
        assertThat(best.sourceUri()).isEqualTo("https://help.example.com/resetting-your-password");
        assertThat(best.sectionPath()).isEqualTo("Resetting your password > part 0");
        assertThat(passwordAnswer.results()).extracting(SearchHit::rank).containsExactly(1, 2, 3, 4);
        assertThat(passwordAnswer.results()).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(best.score()).isBetween(0.0, 1.0);

        SearchResponse shippingAnswer = search(tenant, Roles.AGENT, "How long does delivery take?", 1);
        assertThat(shippingAnswer.results()).singleElement().satisfies(hit -> {
            assertThat(hit.documentId()).isEqualTo(shipping);
            assertThat(hit.text()).isEqualTo(SHIPPING_CHUNKS.get(0));
            assertThat(hit.rank()).isEqualTo(1);
        });
    }

    @Test
    void aSearchWhoseConnectionPostgreSQLTerminatedIsRunAgainInsteadOfAnswered5xx() throws Exception {
        // As during a PostgreSQL restart: the pool still holds connections whose backends are gone. A failed search
        // leaves generation's turn without context (an offline answer or a handover) for a blip of a second or two.
        UUID password = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        assertThat(search(tenant, Roles.CUSTOMER, "How can I change my password?", null).results()).isNotEmpty();
        long retriedBefore = databaseRetry.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt();

        for (int attempt = 0; attempt < 5 && databaseRetry.retry().getMetrics()
            .getNumberOfSuccessfulCallsWithRetryAttempt() == retriedBefore; attempt++) {
            TerminatedConnections.terminateEveryIdleConnection(dataSource);
            assertThat(search(tenant, Roles.CUSTOMER, "How can I change my password?", null).results())
                .extracting(SearchHit::documentId)
                .contains(password);
        }

        assertThat(databaseRetry.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt())
            .as("a search met a terminated connection and was run again")
            .isGreaterThan(retriedBefore);
    }

    @Test
    void theStartUpWarmUpSearchesStoredChunksWithoutCountingSearchesAndStopsAtItsLimit() {
        index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        double counted = meters.find(SearchMetrics.SEARCHES).counters().stream().mapToDouble(c -> c.count()).sum();

        int done = new SearchWarmUp(pipeline, jdbc, new SearchWarmUp.Settings(2, Duration.ofSeconds(30), 0)).run();

        assertThat(done).isEqualTo(2);
        assertThat(meters.find(SearchMetrics.SEARCHES).counters().stream().mapToDouble(c -> c.count()).sum())
            .isEqualTo(counted);
        assertThat(new SearchWarmUp(pipeline, jdbc, new SearchWarmUp.Settings(2, Duration.ZERO, 0)).run()).isZero();
    }

    @Test
    void theHttpWarmUpSearchesThroughTheApiWithFollowUpsWithoutCountingSearches() {
        index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        double counted = meters.find(SearchMetrics.SEARCHES).counters().stream().mapToDouble(c -> c.count()).sum();
        long rewrites = rewrites();

        int done = new HttpSearchWarmUp(jdbc, tokens, environment,
                new SearchWarmUp.Settings(0, Duration.ofSeconds(30), 6)).run(port);

        assertThat(done).as("searches answered 2xx by the API").isEqualTo(6);
        assertThat(rewrites() - rewrites).as("follow-ups rewritten with their history").isEqualTo(2);
        assertThat(meters.find(SearchMetrics.SEARCHES).counters().stream().mapToDouble(c -> c.count()).sum())
            .isEqualTo(counted);
        assertThat(new HttpSearchWarmUp(jdbc, tokens, environment,
                new SearchWarmUp.Settings(0, Duration.ZERO, 6)).run(port)).isZero();
    }

    private long rewrites() {
        return meters.find(RetrievalObservationConvention.NAME).tag("stage", "rewrite").timers().stream()
            .mapToLong(Timer::count)
            .sum();
    }

    @Test
    void searchesOnlyTheCallersTenantAndKnowledgeBase() {
        UUID document = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        index(tenant, "billing", "Invoices", List.of("Invoices are sent as PDF by email on the first of the month."));
        String otherTenant = "other-" + tenant;

        assertThat(search(otherTenant, Roles.CUSTOMER, "How can I change my password?", null).results()).isEmpty();
        // A request body can name a knowledge base but never a tenant.
        assertThat(search(tenant, Roles.CUSTOMER, "How can I change my password?", null).results())
            .extracting(SearchHit::documentId)
            .containsOnly(document);
        SearchResponse billing = searchIn(tenant, "billing", "When do I get my invoice?");
        assertThat(billing.knowledgeBase()).isEqualTo("billing");
        assertThat(billing.results()).singleElement().extracting(SearchHit::title).isEqualTo("Invoices");

        // Another tenant indexing or deleting the same document id never touches this tenant's chunks.
        index(otherTenant, "default", "Someone else's", List.of("Unrelated text of another tenant."), document);
        assertThat(send(HttpMethod.DELETE, indexPath(document), token(otherTenant, Roles.SERVICE), null)
            .getStatusCode()
            .value()).isEqualTo(204);
        assertThat(send(HttpMethod.DELETE, indexPath(document), token(otherTenant, Roles.SERVICE), null)
            .getStatusCode()
            .value()).isEqualTo(404);
        assertThat(storedTexts(tenant, document)).containsExactlyElementsOf(PASSWORD_CHUNKS);
    }

    @Test
    void saysWhichWordsOfTheQueryTheKnowledgeBaseContainsAnywhere() {
        index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        index(tenant, "billing", "Invoices", List.of("Invoices are sent as PDF by email on the first of the month."));

        SearchResponse response = search(tenant, Roles.CUSTOMER, "Can I reset passwords from the Magento invoices page?",
                null, "lexical");

        // Stemmed as the search stems ("passwords" is in "password"), stop words left out; "invoices" only occurs in
        // another knowledge base and "Magento" nowhere, and neither chunk matching nor ranking decides this.
        assertThat(response.queryTerms()).containsExactly(new QueryTerm("reset", true),
                new QueryTerm("passwords", true), new QueryTerm("Magento", false), new QueryTerm("invoices", false),
                new QueryTerm("page", false));
    }

    @Test
    void reindexingReplacesEveryChunkOfTheDocument() {
        UUID document = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        assertThat(chunkCount(tenant, document)).isEqualTo(2);

        List<String> revised = List.of("Passwords are now reset from the mobile app under Profile > Security.");
        ResponseEntity<String> response = put(document, token(tenant, Roles.ADMIN),
                request("default", "Resetting your password (v2)", revised));
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        IndexDocumentResponse body = json.readValue(response.getBody(), IndexDocumentResponse.class);
        assertThat(body).isEqualTo(new IndexDocumentResponse(document, 1));

        assertThat(chunkCount(tenant, document)).isEqualTo(1);
        assertThat(storedTexts(tenant, document)).containsExactlyElementsOf(revised);
        assertThat(search(tenant, Roles.CUSTOMER, "reset password", null).results()).singleElement()
            .satisfies(hit -> assertThat(hit.title()).isEqualTo("Resetting your password (v2)"));
    }

    @Test
    void concurrentReplacesOfOneDocumentLeaveExactlyOneCompleteVersion() throws Exception {
        UUID document = UUID.randomUUID();
        List<List<String>> versions = IntStream.rangeClosed(1, 6)
            .mapToObj(v -> IntStream.range(0, v).mapToObj(i -> "Version " + v + " chunk " + i).toList())
            .toList();
        List<IndexDocumentRequest> requests = versions.stream().map(texts -> request("default", "Doc", texts)).toList();
        String token = token(tenant, Roles.SERVICE);

        List<Future<ResponseEntity<String>>> replies;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            replies = pool.invokeAll(requests.stream()
                .<Callable<ResponseEntity<String>>>map(request -> () -> put(document, token, request))
                .toList());
        }

        for (Future<ResponseEntity<String>> reply : replies) {
            assertThat(reply.get().getStatusCode().value()).as(reply.get().getBody()).isEqualTo(200);
        }
        // Without the per-document lock, concurrent delete-then-insert collides on the unique key or mixes versions.
        assertThat(versions).contains(storedTexts(tenant, document));
    }

    @Test
    void deletingADocumentRemovesItFromSearch() {
        UUID document = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);

        ResponseEntity<String> deleted = send(HttpMethod.DELETE, indexPath(document), token(tenant, Roles.SERVICE),
                null);
        assertThat(deleted.getStatusCode().value()).isEqualTo(204);
        assertThat(chunkCount(tenant, document)).isZero();
        assertThat(search(tenant, Roles.CUSTOMER, "How can I change my password?", null).results()).isEmpty();
    }

    @Test
    void rejectsAnEmbeddingWithTheWrongDimensionsAndKeepsTheStoredVersion() {
        UUID document = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        IndexDocumentRequest wrong = new IndexDocumentRequest("default", "Broken", null,
                List.of(new IndexChunk(0, "text", null, 1, new float[] { 0.1f, 0.2f, 0.3f })));

        ResponseEntity<String> response = put(document, token(tenant, Roles.SERVICE), wrong);

        assertProblem(response, 400, "urn:supportrag:problem:invalid-embedding");
        assertThat(problem(response).path("detail").asString()).contains("384");
        assertThat(storedTexts(tenant, document)).containsExactlyElementsOf(PASSWORD_CHUNKS);
    }

    @Test
    void rejectsDuplicateOrdinalsAndKeepsTheStoredVersion() {
        UUID document = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        float[] vector = embedder.embedDocuments(List.of("a")).getFirst();
        IndexDocumentRequest duplicate = new IndexDocumentRequest("default", "Broken", null,
                List.of(new IndexChunk(0, "a", null, 1, vector), new IndexChunk(0, "a", null, 1, vector)));

        assertProblem(put(document, token(tenant, Roles.SERVICE), duplicate), 400,
                "urn:supportrag:problem:duplicate-ordinal");
        assertThat(storedTexts(tenant, document)).containsExactlyElementsOf(PASSWORD_CHUNKS);
    }

    @Test
    void rejectsADocumentWithoutChunks() {
        UUID document = UUID.randomUUID();

        ResponseEntity<String> response = put(document, token(tenant, Roles.SERVICE),
                new IndexDocumentRequest("default", "Empty", null, List.of()));

        assertProblem(response, 400, "urn:supportrag:problem:validation");
        assertThat(problem(response).path("errors").toString()).contains("chunks");
        assertThat(chunkCount(tenant, document)).isZero();
    }

    @Test
    void answersDeletingAnUnknownDocumentWithNotFound() {
        assertProblem(send(HttpMethod.DELETE, indexPath(UUID.randomUUID()), token(tenant, Roles.SERVICE), null), 404,
                "urn:supportrag:problem:document-not-found");
    }

    @Test
    void rejectsRequestsWithoutATokenAsUnauthorized() {
        ResponseEntity<String> search = send(HttpMethod.POST, "/api/v1/search", null,
                new SearchRequest("password", null, null));
        assertProblem(search, 401, "urn:supportrag:problem:unauthorized");

        UUID document = UUID.randomUUID();
        assertProblem(put(document, null, request("default", "Title", List.of("text"))), 401,
                "urn:supportrag:problem:unauthorized");
        assertThat(chunkCount(tenant, document)).isZero();
    }

    @Test
    void forbidsCustomersToChangeTheIndexAndKeepsTheStoredVersion() {
        UUID document = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        String customer = token(tenant, Roles.CUSTOMER);

        assertProblem(put(document, customer, request("default", "Hijacked", List.of("Send your password to us."))),
                403, "urn:supportrag:problem:forbidden");
        // The role is checked before the body is read: an invalid body is still a 403, not a 400.
        assertProblem(put(document, customer, new IndexDocumentRequest("default", "Empty", null, List.of())), 403,
                "urn:supportrag:problem:forbidden");
        assertProblem(send(HttpMethod.DELETE, indexPath(document), customer, null), 403,
                "urn:supportrag:problem:forbidden");
        assertThat(storedTexts(tenant, document)).containsExactlyElementsOf(PASSWORD_CHUNKS);
        assertThat(jdbc.sql("SELECT DISTINCT title FROM retrieval.chunks WHERE tenant_id = ? AND document_id = ?")
            .param(tenant)
            .param(document)
            .query(String.class)
            .list()).containsExactly("Resetting your password");
    }

    @Test
    void forbidsSearchToRolesWithoutReadAccess() {
        assertProblem(send(HttpMethod.POST, "/api/v1/search", token(tenant, Roles.OPS),
                new SearchRequest("password", null, null)), 403, "urn:supportrag:problem:forbidden");
    }

    @Test
    void rejectsABlankQueryWithAValidationProblem() {
        assertProblem(send(HttpMethod.POST, "/api/v1/search", token(tenant, Roles.CUSTOMER),
                new SearchRequest(" ", null, null)), 400, "urn:supportrag:problem:validation");
    }

    @Test
    void capsTopKAtTheConfiguredMaximum() {
        List<String> texts = IntStream.range(0, 55).mapToObj(i -> "Frequently asked question number " + i).toList();
        index(tenant, "default", "FAQ", texts);

        assertThat(search(tenant, Roles.SERVICE, "frequently asked question", 100).results()).hasSize(50);
        assertThat(search(tenant, Roles.SERVICE, "frequently asked question", null).results()).hasSize(5);
    }

    @Test
    void plansEverySearchForItsOwnParametersNeverWithACachedGenericPlan() {
        assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
    }

    @Test
    void keepsChunkVectorsInTheirRowsSoADistanceNeedsNoToastFetch() {
        // MAIN: in the row unless it cannot fit; pgvector's default (EXTERNAL) moved every vector of a row over 2 KB
        // out of line. pg_column_size cannot tell the two apart (it reports the raw size either way).
        assertThat(jdbc.sql("SELECT attstorage FROM pg_attribute "
                + "WHERE attrelid = CAST('retrieval.chunks' AS regclass) AND attname = 'embedding'")
            .query(String.class)
            .single()).isEqualTo("m");
    }

    @Test
    void keepsStoredTextOutOfDatabaseErrorMessages() {
        UUID document = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        String secret = "customer secret " + UUID.randomUUID();

        // A failing batch insert, as in ChunkWriter: its exception message ends up in the error log.
        Throwable failure = catchThrowable(() -> jdbcTemplate.batchUpdate("""
                INSERT INTO retrieval.chunks (id, tenant_id, knowledge_base, document_id, ordinal, title, content,
                                              token_count, embedding)
                SELECT ?, tenant_id, knowledge_base, document_id, ordinal, title, ?, token_count, embedding
                FROM retrieval.chunks WHERE tenant_id = ? AND document_id = ? AND ordinal = 0
                """, List.<Object[]>of(new Object[] { UUID.randomUUID(), secret, tenant, document })));

        assertThat(failure).isNotNull();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(secret);
        }
    }

    @Test
    void lexicalSearchFindsAnExactRareTermThatDenseSearchRanksLower() {
        // Near-identical questions about similar codes: the embedding barely tells KM-3305 from KM-3350.
        List<String> errors = List.of("What should I do about KM-3350? Restart the router and try again.",
                "What should I do about KM-3035? Sign out and sign in again.",
                "What should I do about KM-3530? Clear the app cache.",
                "Shipment labels printed before March carry the warehouse reference KM-3305; customers can ignore it.");
        UUID document = index(tenant, "default", "Error codes", errors);
        String query = "What should I do about KM-3305?";

        List<SearchHit> lexical = search(tenant, Roles.CUSTOMER, query, 4, "lexical").results();
        List<SearchHit> dense = search(tenant, Roles.CUSTOMER, query, 4, "dense").results();

        assertThat(lexical.getFirst().text()).isEqualTo(errors.get(3));
        assertThat(lexical.getFirst().documentId()).isEqualTo(document);
        assertThat(lexical).extracting(SearchHit::rank).startsWith(1);
        assertThat(lexical).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(dense).extracting(SearchHit::text).contains(errors.get(3));
        assertThat(dense.getFirst().text()).as("dense search ranks the near-identical questions first")
            .isNotEqualTo(errors.get(3));
    }

    @Test
    void lexicalSearchOrsTheQuestionsTermsAndRanksAChunkWithMoreOfThemHigher() {
        index(tenant, "default", "Invoices", List.of("Invoices are sent as PDF on the first of the month."));
        index(tenant, "default", "Refunds", List.of("Refunds reach your account within ten days."));
        index(tenant, "default", "Account", List.of("Your invoices and refunds are listed under Account."));

        // No chunk holds every term: an AND of all terms would find nothing.
        List<SearchHit> hits = search(tenant, Roles.CUSTOMER, "When will my refund and invoice arrive?", 10, "lexical")
            .results();

        assertThat(hits).extracting(SearchHit::title).containsExactlyInAnyOrder("Invoices", "Refunds", "Account");
        // BM25 sums over the query's terms: both terms once beat one term in title and body (saturating frequency).
        assertThat(hits.getFirst().title()).isEqualTo("Account");
    }

    @Test
    void lexicalSearchAnswersQueriesWithoutSearchableTermsOrWithQuerySyntax() {
        index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);

        assertThat(search(tenant, Roles.CUSTOMER, "what is the", 5, "lexical").results()).isEmpty();
        for (String query : List.of("reset 'password' \\ back\\slash", "\"reset password\" -email | & ! <->",
                "password:* & (reset")) {
            assertThat(search(tenant, Roles.CUSTOMER, query, 5, "lexical").results()).as(query)
                .extracting(SearchHit::text)
                .contains(PASSWORD_CHUNKS.get(0));
        }
    }

    @Test
    void hybridSearchReturnsTheUnionOfBothRankingsOrderedByReciprocalRankFusion() {
        index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        index(tenant, "default", "Shipping and delivery", SHIPPING_CHUNKS);
        index(tenant, "default", "Payment error codes", List.of("Error code KM-3305: the card needs 3-D Secure."));
        String query = "reset my password after error KM-3305";

        List<SearchHit> dense = search(tenant, Roles.CUSTOMER, query, 50, "dense").results();
        List<SearchHit> lexical = search(tenant, Roles.CUSTOMER, query, 50, "lexical").results();
        List<SearchHit> hybrid = search(tenant, Roles.CUSTOMER, query, 50, "hybrid").results();

        // RRF with k = 60 (the default), computed independently of the fusion code.
        Map<UUID, Double> expected = new HashMap<>();
        for (List<SearchHit> ranking : List.of(dense, lexical)) {
            for (SearchHit hit : ranking) {
                expected.merge(hit.chunkId(), 1.0 / (60 + hit.rank()), Double::sum);
            }
        }
        assertThat(lexical).hasSizeLessThan(dense.size());
        assertThat(hybrid).extracting(SearchHit::chunkId).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(hybrid).extracting(SearchHit::rank)
            .containsExactlyElementsOf(IntStream.rangeClosed(1, hybrid.size()).boxed().toList());
        assertThat(hybrid).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        for (SearchHit hit : hybrid) {
            assertThat(hit.score()).as(hit.text()).isCloseTo(expected.get(hit.chunkId()), within(1e-12));
        }
        assertThat(search(tenant, Roles.CUSTOMER, query, 2, "hybrid").results()).extracting(SearchHit::chunkId)
            .containsExactlyElementsOf(hybrid.subList(0, 2).stream().map(SearchHit::chunkId).toList());
    }

    @Test
    void searchesInFullModeWhenTheRequestNamesNone() {
        index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        index(tenant, "default", "Shipping and delivery", SHIPPING_CHUNKS);

        assertThat(search(tenant, Roles.CUSTOMER, "How can I change my password?", 4, null).results())
            .isEqualTo(search(tenant, Roles.CUSTOMER, "How can I change my password?", 4, "full").results());
        assertThat(meters.find("rag.retrieval.stage").tag("mode", "full").tag("stage", "rerank").timer()).isNotNull();
    }

    @Test
    void aFollowUpFindsThePageTheConversationIsAboutEvenWhenTheAgentNamedIt() {
        index(tenant, "default", "Voiding labels", List.of("A voided label is refunded to your Postage wallet. "
                + "Voided USPS labels are refunded after 15 to 21 days, voided UPS labels after 5 to 7 days."));
        index(tenant, "default", "Supported carriers", List.of("We support UPS, USPS, FedEx and DHL. A UPS pickup "
                + "takes one business day to schedule; UPS delivery takes 1 to 5 days."));
        index(tenant, "default", "Plans and pricing", List.of("The Pro plan costs $49 a month."));
        List<ConversationTurn> history = List.of(new ConversationTurn("user", "I printed the wrong label"),
                new ConversationTurn("assistant", "No problem: you can void it. Voiding labels is free."));
        String question = "how long does that take for UPS?";

        SearchResponse alone = search(tenant, Roles.CUSTOMER, question, 3, "full");
        SearchResponse withHistory = searchResponse(send(HttpMethod.POST, "/api/v1/search",
                token(tenant, Roles.CUSTOMER), new SearchRequest(question, null, 3, "full", null, history)));

        // Before: the offline rewrite borrowed only the customer's words ("printed wrong label").
        assertThat(alone.results().getFirst().title()).isEqualTo("Supported carriers");
        assertThat(withHistory.results().getFirst().title()).isEqualTo("Voiding labels");
        assertThat(withHistory.standaloneQuery()).startsWith(question).contains("void", "labels");
    }

    @Test
    void aFollowUpAfterAPoliteExchangeStillFindsThePageTheConversationIsAbout() {
        index(tenant, "default", "Voiding labels", List.of("A voided label is refunded to your Postage wallet. "
                + "Voided USPS labels are refunded after 15 to 21 days, voided UPS labels after 5 to 7 days."));
        index(tenant, "default", "Supported carriers", List.of("We support UPS, USPS, FedEx and DHL. A UPS pickup "
                + "takes one business day to schedule; UPS delivery takes 1 to 5 days."));
        index(tenant, "default", "Contacting support", List.of("Our support team is happy to help on weekdays."));
        List<ConversationTurn> history = List.of(new ConversationTurn("user", "I printed the wrong label"),
                new ConversationTurn("assistant", "No problem: you can void it. Voiding labels is free."),
                new ConversationTurn("user", "ok thanks"),
                new ConversationTurn("assistant", "You're welcome! Is there anything else I can do for you?"));
        String question = "how long does that take for UPS?";

        SearchResponse response = searchResponse(send(HttpMethod.POST, "/api/v1/search",
                token(tenant, Roles.CUSTOMER), new SearchRequest(question, null, 3, "full", null, history)));

        // Before: only the last two turns lent words ("welcome anything"), and the courtesy hid the topic.
        assertThat(response.results().getFirst().title()).isEqualTo("Voiding labels");
        assertThat(response.standaloneQuery()).contains("void", "labels").doesNotContain("welcome");
        assertThat(meters.find("rag.retrieval.stage").tag("stage", "fuse").tag("method", "conversation").timer())
            .isNotNull();
    }

    @Test
    void rejectsAnUnknownModeWithAValidationProblem() {
        ResponseEntity<String> response = send(HttpMethod.POST, "/api/v1/search", token(tenant, Roles.CUSTOMER),
                new SearchRequest("password", null, null, "semantic"));

        assertProblem(response, 400, "urn:supportrag:problem:validation");
        assertThat(problem(response).path("errors").toString()).contains("mode");
        assertProblem(send(HttpMethod.POST, "/api/v1/search", token(tenant, Roles.CUSTOMER),
                new SearchRequest("password", null, null, "HYBRID")), 400, "urn:supportrag:problem:validation");
    }

    @Test
    void searchesOnlyTheCallersTenantAndKnowledgeBaseInEveryMode() {
        UUID own = index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        String otherTenant = "other-" + tenant;
        index(otherTenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        index(tenant, "billing", "Resetting your password", PASSWORD_CHUNKS);

        for (String mode : List.of("dense", "lexical", "hybrid", "full")) {
            assertThat(search(tenant, Roles.CUSTOMER, "reset password", 50, mode).results()).as(mode)
                .hasSize(PASSWORD_CHUNKS.size())
                .extracting(SearchHit::documentId)
                .containsOnly(own);
            assertThat(search("third-" + tenant, Roles.CUSTOMER, "reset password", 50, mode).results()).as(mode)
                .isEmpty();
        }
    }

    @Test
    void recordsTheLexicalAndFusionStagesOfAHybridSearch() {
        index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        search(tenant, Roles.CUSTOMER, "How can I change my password?", null, "hybrid");

        for (List<String> stage : List.of(List.of("embed", embedder.modelId()), List.of("retrieve", "dense"),
                List.of("retrieve", "bm25"), List.of("fuse", "rrf"))) {
            Timer timer = meters.find("rag.retrieval.stage").tag("mode", "hybrid").tag("stage", stage.get(0))
                .tag("method", stage.get(1)).timer();
            assertThat(timer).as(stage.toString()).isNotNull();
            assertThat(timer.count()).isPositive();
        }
        assertThat(meters.find("rag.retrieval.stage").meters()).flatExtracting(SearchIT::tagKeys)
            .doesNotContain("tenant", "knowledgeBase", "query", "rag.retrieval.input", "rag.retrieval.output");
    }

    @Test
    void recordsEachSearchStageAsAnObservationWithLowCardinalityTagsOnly() {
        index(tenant, "default", "Resetting your password", PASSWORD_CHUNKS);
        search(tenant, Roles.CUSTOMER, "How can I change my password?", null);

        for (String stage : List.of("embed", "retrieve", "fuse", "rerank", "dedupe", "compress")) {
            Timer timer = meters.find("rag.retrieval.stage").tag("mode", "full").tag("stage", stage).timer();
            assertThat(timer).as(stage).isNotNull();
            assertThat(timer.count()).isPositive();
        }
        assertThat(meters.find("rag.retrieval.stage").meters()).flatExtracting(SearchIT::tagKeys)
            .doesNotContain("tenant", "knowledgeBase", "query", "rag.retrieval.input", "rag.retrieval.output");
    }

    private static List<String> tagKeys(Meter meter) {
        return meter.getId().getTags().stream().map(Tag::getKey).toList();
    }

    private UUID index(String tenantId, String knowledgeBase, String title, List<String> texts) {
        return index(tenantId, knowledgeBase, title, texts, UUID.randomUUID());
    }

    private UUID index(String tenantId, String knowledgeBase, String title, List<String> texts, UUID document) {
        ResponseEntity<String> response = put(document, token(tenantId, Roles.SERVICE),
                request(knowledgeBase, title, texts));
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        assertThat(json.readValue(response.getBody(), IndexDocumentResponse.class))
            .isEqualTo(new IndexDocumentResponse(document, texts.size()));
        return document;
    }

    private IndexDocumentRequest request(String knowledgeBase, String title, List<String> texts) {
        List<float[]> vectors = embedder.embedDocuments(texts);
        List<IndexChunk> chunks = IntStream.range(0, texts.size())
            .mapToObj(i -> new IndexChunk(i, texts.get(i), title + " > part " + i, embedder.countTokens(texts.get(i)),
                    vectors.get(i)))
            .toList();
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return new IndexDocumentRequest(knowledgeBase, title, "https://help.example.com/" + slug, chunks);
    }

    private SearchResponse search(String tenantId, String role, String query, @Nullable Integer topK) {
        return searchResponse(send(HttpMethod.POST, "/api/v1/search", token(tenantId, role),
                new SearchRequest(query, null, topK)));
    }

    private SearchResponse search(String tenantId, String role, String query, @Nullable Integer topK,
            @Nullable String mode) {
        return searchResponse(send(HttpMethod.POST, "/api/v1/search", token(tenantId, role),
                new SearchRequest(query, null, topK, mode)));
    }

    private SearchResponse searchIn(String tenantId, String knowledgeBase, String query) {
        return searchResponse(send(HttpMethod.POST, "/api/v1/search", token(tenantId, Roles.CUSTOMER),
                new SearchRequest(query, knowledgeBase, null)));
    }

    private SearchResponse searchResponse(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readValue(response.getBody(), SearchResponse.class);
    }

    private ResponseEntity<String> put(UUID document, @Nullable String token, IndexDocumentRequest body) {
        return send(HttpMethod.PUT, indexPath(document), token, body);
    }

    private ResponseEntity<String> send(HttpMethod method, String path, @Nullable String token, @Nullable Object body) {
        RestClient.RequestBodySpec request = http.method(method).uri(path).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        });
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(String.class);
    }

    private static String indexPath(UUID document) {
        return "/api/v1/index/documents/" + document;
    }

    private String token(String tenantId, String role) {
        return tokens.mint(new CallerIdentity(tenantId, role + "-1", Set.of(role), Set.of(), null));
    }

    private void assertProblem(ResponseEntity<String> response, int status, String type) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull()
            .satisfies(contentType -> assertThat(contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue());
        JsonNode problem = problem(response);
        assertThat(problem.path("type").asString()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
    }

    private JsonNode problem(ResponseEntity<String> response) {
        return json.readTree(response.getBody());
    }

    private long chunkCount(String tenantId, UUID document) {
        return jdbc.sql("SELECT count(*) FROM retrieval.chunks WHERE tenant_id = ? AND document_id = ?")
            .param(tenantId)
            .param(document)
            .query(Long.class)
            .single();
    }

    private List<String> storedTexts(String tenantId, UUID document) {
        return jdbc.sql("SELECT content FROM retrieval.chunks WHERE tenant_id = ? AND document_id = ? ORDER BY ordinal")
            .param(tenantId)
            .param(document)
            .query(String.class)
            .list();
    }
}
