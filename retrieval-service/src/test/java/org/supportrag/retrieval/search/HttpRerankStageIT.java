package org.supportrag.retrieval.search;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
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

/**
 * The full pipeline with a TEI reranker over real HTTP (a JDK HttpServer standing in for Text Embeddings Inference):
 * its order wins when it answers; when it is slower than the timeout, the search still succeeds in the fused order.
 */
@RetrievalIT
@TestPropertySource(properties = { "rag.retrieval.rerank.provider=tei", "rag.retrieval.rerank.timeout=3s" })
class HttpRerankStageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpServer TEI = start();

    private static volatile long delayMillis;

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    TextEmbedder embedder;

    @Autowired
    MeterRegistry meters;

    /** Scores each text by its position from the end: the reranker reverses whatever order it is given. */
    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/rerank", exchange -> {
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                int texts = request.path("texts").size();
                String body = IntStream.range(0, texts)
                    .mapToObj(i -> "{\"index\":" + i + ",\"score\":" + (i + 1) + "}")
                    .toList()
                    .toString();
                try {
                    Thread.sleep(delayMillis);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @DynamicPropertySource
    static void reranker(DynamicPropertyRegistry registry) {
        registry.add("rag.retrieval.rerank.url", () -> "http://127.0.0.1:" + TEI.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        TEI.stop(0);
    }

    @Test
    void takesTheRerankersOrderAndFallsBackToTheFusedOrderWhenItTimesOut() {
        String tenant = "t-" + UUID.randomUUID();
        List<String> texts = List.of("Refunds are paid within 14 days.", "Returns need the original packaging.",
                "Shipping takes three days.");
        List<float[]> vectors = embedder.embedDocuments(texts);
        List<IndexChunk> chunks = IntStream.range(0, texts.size())
            .mapToObj(i -> new IndexChunk(i, texts.get(i), null, embedder.countTokens(texts.get(i)), vectors.get(i)))
            .toList();
        RestClient http = TestHttp.lenientClient(port);
        http.put().uri("/api/v1/index/documents/" + UUID.randomUUID())
            .headers(h -> h.setBearerAuth(token(tenant, Roles.SERVICE)))
            .contentType(MediaType.APPLICATION_JSON)
            .body(new IndexDocumentRequest("default", "Returns", null, chunks))
            .retrieve()
            .toBodilessEntity();

        List<String> fused = texts(search(http, tenant, "hybrid"));
        delayMillis = 0;
        assertThat(texts(search(http, tenant, "full"))).containsExactlyElementsOf(fused.reversed());

        delayMillis = 8000;
        assertThat(texts(search(http, tenant, "full"))).containsExactlyElementsOf(fused);
        assertThat(meters.find("rag.retrieval.stage").tag("stage", "rerank").tag("method", "tei")
            .tag("outcome", "fallback").timer()).isNotNull();
        delayMillis = 0;
    }

    private SearchResponse search(RestClient http, String tenant, String mode) {
        ResponseEntity<SearchResponse> response = http.post().uri("/api/v1/search")
            .headers(h -> h.setBearerAuth(token(tenant, Roles.CUSTOMER)))
            .contentType(MediaType.APPLICATION_JSON)
            .body(new SearchRequest("How do refunds and returns work?", null, 3, mode))
            .retrieve()
            .toEntity(SearchResponse.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    private static List<String> texts(SearchResponse response) {
        return response.results().stream().map(SearchHit::text).toList();
    }

    private String token(String tenant, String role) {
        return tokens.mint(new CallerIdentity(tenant, role + "-1", Set.of(role), Set.of(), null));
    }
}
