package org.supportrag.retrieval.rerank;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.testsupport.TestRemoteCalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP reranker against a stub server speaking TEI and Cohere over real HTTP. */
class HttpRerankerTests {

    private static final List<String> PASSAGES = List.of("shipping times", "refund policy", "return label");

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile String answer = "[]";
    private volatile int status = 200;
    private volatile long delayMillis;

    record Recorded(String path, String authorization, JsonNode body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(new Recorded(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                json.readTree(exchange.getRequestBody().readAllBytes())));
        try {
            Thread.sleep(delayMillis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void ordersByTheScoresOfATextEmbeddingsInferenceServer() {
        answer = "[{\"index\":2,\"score\":0.9},{\"index\":1,\"score\":0.5},{\"index\":0,\"score\":0.01}]";
        HttpReranker reranker = new HttpReranker(HttpReranker.Dialect.TEI, url(), null, "unused", Duration.ofSeconds(2),
                guard());

        List<Reranker.Ranked> ranked = reranker.rerank("how do I return it", PASSAGES);

        assertThat(ranked).extracting(Reranker.Ranked::index).containsExactly(2, 1, 0);
        Recorded request = requests.getFirst();
        assertThat(request.path()).isEqualTo("/rerank");
        assertThat(request.authorization()).isNull();
        assertThat(request.body().path("query").asString()).isEqualTo("how do I return it");
        assertThat(request.body().path("texts").toString()).isEqualTo("[\"shipping times\",\"refund policy\",\"return label\"]");
    }

    @Test
    void speaksTheCohereRerankApiWithTheApiKeyAndModel() {
        answer = "{\"results\":[{\"index\":1,\"relevance_score\":0.8},{\"index\":0,\"relevance_score\":0.2}]}";
        HttpReranker reranker = new HttpReranker(HttpReranker.Dialect.COHERE, url(), "secret-key", "rerank-v3.5",
                Duration.ofSeconds(2), guard());

        List<Reranker.Ranked> ranked = reranker.rerank("refund", PASSAGES);

        // The candidate the API left out keeps its place after the scored ones.
        assertThat(ranked).extracting(Reranker.Ranked::index).containsExactly(1, 0, 2);
        Recorded request = requests.getFirst();
        assertThat(request.path()).isEqualTo("/v1/rerank");
        assertThat(request.authorization()).isEqualTo("Bearer secret-key");
        assertThat(request.body().path("model").asString()).isEqualTo("rerank-v3.5");
        assertThat(request.body().path("documents").size()).isEqualTo(3);
        assertThat(request.body().path("top_n").asInt()).isEqualTo(3);
    }

    @Test
    void failsWithARerankExceptionOnATimeoutAnErrorStatusOrAMalformedAnswer() {
        HttpReranker reranker = new HttpReranker(HttpReranker.Dialect.TEI, url(), null, "m", Duration.ofMillis(200),
                guard());

        delayMillis = 2000;
        assertThatThrownBy(() -> reranker.rerank("q", PASSAGES)).isInstanceOf(Reranker.RerankException.class);
        delayMillis = 0;
        status = 503;
        assertThatThrownBy(() -> reranker.rerank("q", PASSAGES)).isInstanceOf(Reranker.RerankException.class);
        status = 200;
        answer = "[{\"index\":7,\"score\":0.9}]";
        assertThatThrownBy(() -> reranker.rerank("q", PASSAGES)).isInstanceOf(Reranker.RerankException.class);
        answer = "{\"unexpected\":true}";
        assertThatThrownBy(() -> reranker.rerank("q", PASSAGES)).isInstanceOf(Reranker.RerankException.class);
    }

    @Test
    void failsWithARerankExceptionWhenNothingListens() throws IOException {
        URI closed = url();
        server.stop(0);
        HttpReranker reranker = new HttpReranker(HttpReranker.Dialect.COHERE, closed, null, "m", Duration.ofMillis(500),
                guard());

        assertThatThrownBy(() -> reranker.rerank("q", PASSAGES)).isInstanceOf(Reranker.RerankException.class);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    }

    @Test
    void stopsCallingAFailingRerankerOnceItsBreakerOpensAndNeverRetriesIt() {
        HttpReranker reranker = new HttpReranker(HttpReranker.Dialect.TEI, url(), null, "m", Duration.ofSeconds(2),
                guard());
        status = 503;

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> reranker.rerank("q", PASSAGES)).isInstanceOf(Reranker.RerankException.class);
        }
        assertThat(requests).as("one attempt per search").hasSize(4);
        assertThatThrownBy(() -> reranker.rerank("q", PASSAGES)).isInstanceOf(Reranker.RerankException.class);

        assertThat(requests).as("no call while the breaker is open").hasSize(4);
    }

    private static RemoteCall guard() {
        return TestRemoteCalls.create().notRetried(HttpReranker.CALL);
    }
}
