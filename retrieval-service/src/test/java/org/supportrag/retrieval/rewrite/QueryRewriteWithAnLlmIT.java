package org.supportrag.retrieval.rewrite;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
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
import org.supportrag.stub.openai.ChatRequest;
import org.supportrag.stub.openai.OpenAiStubServer;
import org.supportrag.stub.openai.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-turn rewrite with an OpenAI-compatible LLM over real HTTP (the repository's stub server): the search
 * runs on the model's standalone query; when the model fails or hangs, on the offline rewrite, and the search still
 * answers in time; without history no model is asked.
 */
@RetrievalIT
@TestPropertySource(properties = { "rag.retrieval.rewrite.provider=openai", "rag.retrieval.rewrite.model=rewrite-model",
        "rag.retrieval.rewrite.api-key=sk-rewrite-test", "rag.retrieval.rewrite.timeout=10s" })
class QueryRewriteWithAnLlmIT {

    static final OpenAiStubServer llm = new OpenAiStubServer().start();

    /**
     * Generous: the first call also initializes the OpenAI client (Kotlin, Jackson, OkHttp), which takes seconds on
     * a loaded test machine.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static final String QUESTION = "How do I claim it?";

    static final List<ConversationTurn> HISTORY = List.of(
            new ConversationTurn("user", "My Zephyr headphones stopped charging."),
            new ConversationTurn("assistant", "Sorry to hear that. They are under warranty for two years."));

    static final String REWRITTEN = "How do I file a warranty claim with the RMA form for Zephyr headphones?";

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("rag.retrieval.rewrite.base-url", llm::openAiBaseUrl);
    }

    @AfterAll
    static void stopModel() {
        llm.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    TextEmbedder embedder;

    @Autowired
    MeterRegistry meters;

    RestClient http;

    String tenant;

    @BeforeEach
    void setUp() {
        llm.reset();
        http = TestHttp.lenientClient(port);
        tenant = "t-" + UUID.randomUUID();
        index("Warranty claims", "To claim the warranty, fill in the RMA form with your order number and the serial "
                + "number of the product.");
        index("Charging problems", "If your Zephyr headphones stop charging, try another USB-C cable and reset them "
                + "by holding the power button for ten seconds.");
        index("Returns", "Returns are accepted within 30 days of delivery in the original packaging.");
    }

    @Test
    void searchesTheStandaloneQueryTheLlmWroteFromTheHistory() {
        llm.respondWith(REWRITTEN);

        String traceId = UUID.randomUUID().toString().replace("-", "");
        SearchResponse rewritten = search(QUESTION, HISTORY, "full", "00-" + traceId + "-00f067aa0ba902b7-01");

        assertThat(rewritten.standaloneQuery()).isEqualTo(REWRITTEN);
        assertThat(rewritten.results()).isNotEmpty();
        assertThat(rewritten.results().getFirst().title()).isEqualTo("Warranty claims");
        assertThat(chunkIds(rewritten)).containsExactlyElementsOf(chunkIds(search(REWRITTEN, null, "full")));

        assertThat(llm.requests()).hasSize(1);
        RecordedRequest request = llm.requests().getFirst();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.authorization()).isEqualTo("Bearer sk-rewrite-test");
        // The model call is a span of the search's trace, made by Spring AI's chat model observation.
        assertThat(request.header("traceparent")).startsWith("00-" + traceId + "-");
        assertThat(meters.find("gen_ai.client.operation").tag("gen_ai.request.model", "rewrite-model")
            .tag("gen_ai.operation.name", "chat").tag("gen_ai.provider.name", "openai").tag("rag.model", "rewrite")
            .tag("error.type", "none").timer()).isNotNull();
        assertThat(meters.find("gen_ai.client.token.usage").tag("rag.model", "rewrite").tag("gen_ai.token.type", "input")
            .counter()).as("token usage of the rewrite call").isNotNull();
        ChatRequest chat = request.chat();
        assertThat(chat).isNotNull();
        assertThat(chat.model()).isEqualTo("rewrite-model");
        assertThat(chat.lastUserMessage()).contains("Customer: My Zephyr headphones stopped charging.")
            .contains("Assistant: Sorry to hear that. They are under warranty for two years.")
            .contains("Last question: " + QUESTION);
        assertThat(rewriteStage("success")).isNotNull();
    }

    @Test
    void fallsBackToTheOfflineRewriteWhenTheLlmAnswersWithAnError() {
        llm.failNext(1, 500);

        SearchResponse response = search(QUESTION, HISTORY, "full");

        assertThat(response.standaloneQuery()).isEqualTo(offlineRewrite());
        assertThat(response.results()).isNotEmpty();
        // Asked once: a search does not wait for retries.
        assertThat(llm.requests()).hasSize(1);
        assertThat(rewriteStage("fallback")).isNotNull();
    }

    @Test
    void fallsBackToTheOfflineRewriteWhenTheLlmDoesNotAnswerInTime() {
        llm.timeoutNext(1);

        long started = System.nanoTime();
        SearchResponse response = search(QUESTION, HISTORY, "full");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.standaloneQuery()).isEqualTo(offlineRewrite());
        assertThat(response.results()).isNotEmpty();
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plusSeconds(3));
        assertThat(llm.requests()).hasSize(1);
        assertThat(rewriteStage("fallback")).isNotNull();
    }

    @Test
    void asksNoLlmWithoutHistoryOrOutsideTheFullMode() {
        llm.respondWith(REWRITTEN);

        assertThat(search(QUESTION, null, "full").standaloneQuery()).isNull();
        assertThat(search(QUESTION, List.of(), "full").standaloneQuery()).isNull();
        assertThat(search(QUESTION, HISTORY, "hybrid").standaloneQuery()).isNull();

        assertThat(llm.requests()).isEmpty();
    }

    private static String offlineRewrite() {
        // The offline rewrite weighs the conversation's words by the knowledge base's names: the titles indexed here.
        return new OfflineQueryRewriter(6).standalone(QUESTION, HISTORY,
                KnowledgeBaseEntities.of(List.of("Warranty claims", "Charging problems", "Returns")));
    }

    private @Nullable Timer rewriteStage(String outcome) {
        return meters.find("rag.retrieval.stage")
            .tag("stage", "rewrite")
            .tag("method", "llm")
            .tag("outcome", outcome)
            .timer();
    }

    private SearchResponse search(String query, @Nullable List<ConversationTurn> history, String mode) {
        return search(query, history, mode, null);
    }

    private SearchResponse search(String query, @Nullable List<ConversationTurn> history, String mode,
            @Nullable String traceparent) {
        ResponseEntity<SearchResponse> response = http.post()
            .uri("/api/v1/search")
            .headers(h -> {
                h.setBearerAuth(token(Roles.CUSTOMER));
                if (traceparent != null) {
                    h.set("traceparent", traceparent);
                }
            })
            .contentType(MediaType.APPLICATION_JSON)
            .body(new SearchRequest(query, null, 3, mode, null, history))
            .retrieve()
            .toEntity(SearchResponse.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    private void index(String title, String text) {
        IndexChunk chunk = new IndexChunk(0, text, null, embedder.countTokens(text),
                embedder.embedDocuments(List.of(text)).getFirst());
        ResponseEntity<Void> response = http.put()
            .uri("/api/v1/index/documents/" + UUID.randomUUID())
            .headers(h -> h.setBearerAuth(token(Roles.SERVICE)))
            .contentType(MediaType.APPLICATION_JSON)
            .body(new IndexDocumentRequest("default", title, null, List.of(chunk)))
            .retrieve()
            .toBodilessEntity();
        assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
    }

    private static List<UUID> chunkIds(SearchResponse response) {
        return response.results().stream().map(SearchHit::chunkId).toList();
    }

    private String token(String role) {
        return tokens.mint(new CallerIdentity(tenant, role + "-1", Set.of(role), Set.of(), null));
    }
}
