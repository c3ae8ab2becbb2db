package org.supportrag.retrieval.rewrite;

import java.util.List;
import java.util.Set;
import java.util.UUID;

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

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestHttp;
import org.supportrag.retrieval.testing.RetrievalIT;
import org.supportrag.stub.openai.OpenAiStubServer;
import org.supportrag.stub.openai.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The multi-turn rewrite with Ollama's own chat API (the stub server's {@code /api/chat}, over real HTTP). */
@RetrievalIT
@TestPropertySource(properties = { "rag.retrieval.rewrite.provider=ollama", "rag.retrieval.rewrite.model=rewrite-llama",
        "rag.retrieval.rewrite.timeout=10s" })
class QueryRewriteWithOllamaIT {

    static final OpenAiStubServer ollama = new OpenAiStubServer().start();

    static final String QUESTION = "How long does it take?";

    static final List<ConversationTurn> HISTORY = List.of(
            new ConversationTurn("user", "Can I return my Zephyr headphones?"),
            new ConversationTurn("assistant", "Yes, within 30 days of delivery."));

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("rag.retrieval.rewrite.base-url", ollama::baseUrl);
    }

    @AfterAll
    static void stopModel() {
        ollama.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @BeforeEach
    void resetModel() {
        ollama.reset();
    }

    @Test
    void searchesTheStandaloneQueryOllamaWroteWithoutSendingItTheInternalToken() {
        ollama.respondWith("How long does a return of Zephyr headphones take?");

        SearchResponse response = search();

        assertThat(response.standaloneQuery()).isEqualTo("How long does a return of Zephyr headphones take?");
        assertThat(ollama.requests()).hasSize(1);
        RecordedRequest request = ollama.requests().getFirst();
        assertThat(request.path()).isEqualTo("/api/chat");
        assertThat(request.chat()).isNotNull();
        assertThat(request.chat().model()).isEqualTo("rewrite-llama");
        assertThat(request.chat().lastUserMessage()).contains("Customer: Can I return my Zephyr headphones?");
        // Internal tokens are for SupportRAG services only, never for a model provider.
        assertThat(request.authorization()).isNull();
    }

    @Test
    void fallsBackToTheOfflineRewriteWithoutRetryingWhenOllamaFails() {
        ollama.failNext(3, 503);

        SearchResponse response = search();

        assertThat(response.standaloneQuery()).isEqualTo(new OfflineQueryRewriter(6).standalone(QUESTION, HISTORY));
        assertThat(ollama.requests()).hasSize(1);
    }

    private SearchResponse search() {
        String tenant = "t-" + UUID.randomUUID();
        ResponseEntity<SearchResponse> response = TestHttp.lenientClient(port)
            .post()
            .uri("/api/v1/search")
            .headers(h -> h.setBearerAuth(
                    tokens.mint(new CallerIdentity(tenant, "customer-1", Set.of(Roles.CUSTOMER), Set.of(), null))))
            .contentType(MediaType.APPLICATION_JSON)
            .body(new SearchRequest(QUESTION, null, 3, "full", null, HISTORY))
            .retrieve()
            .toEntity(SearchResponse.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }
}
