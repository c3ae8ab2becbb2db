package org.supportrag.generation.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;

/**
 * A retrieval-compatible HTTP server for tests: answers {@code POST /api/v1/search} with fixed help-center chunks
 * and records what it received. The real retrieval service is covered by the end-to-end tests. One per JVM, shared
 * by every context ({@link Stubs}); reset before each test.
 */
public final class FakeRetrieval implements AutoCloseable {

    public static final SearchHit REFUNDS = hit("Refund policy", "Billing > Refunds", """
            You can request a refund within 30 days of purchase. Refunds are issued to the original payment method \
            within 5 business days after we approve the request. Digital gift cards are not refundable.""", 0.82);
    public static final SearchHit SHIPPING = hit("Shipping", null, """
            Standard shipping takes 3 to 7 business days. Express shipping delivers within 2 business days for an \
            extra fee. We ship to every country in the European Union.""", 0.61);
    public static final SearchHit PASSWORD = hit("Account access", null, """
            To reset your password, open the sign-in page and click Forgot password. We email you a reset link \
            that is valid for 24 hours.""", 0.55);

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public record Received(Map<String, List<String>> headers, SearchRequest body) {

        public String header(String name) {
            return headers.entrySet()
                .stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> entry.getValue().getFirst())
                .findFirst()
                .orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile List<SearchHit> results = List.of(REFUNDS, SHIPPING, PASSWORD);
    // Results of searches for documents of kind "ticket" (past cases); none unless a test sets them.
    private volatile List<SearchHit> ticketResults = List.of();
    // What a real retrieval answers as standaloneQuery when a search carries history; null: nothing rewritten.
    private volatile String standaloneQuery;

    FakeRetrieval() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(RetrievalApi.SEARCH, this::search);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void down(boolean down) {
        this.down = down;
    }

    public void results(List<SearchHit> results) {
        this.results = List.copyOf(results);
    }

    public void ticketResults(List<SearchHit> results) {
        this.ticketResults = List.copyOf(results);
    }

    public void standaloneQuery(String query) {
        this.standaloneQuery = query;
    }

    public void reset() {
        received.clear();
        standaloneQuery = null;
        ticketResults = List.of();
        down = false;
        results = List.of(REFUNDS, SHIPPING, PASSWORD);
    }

    private void search(HttpExchange exchange) throws IOException {
        try (exchange) {
            SearchRequest request = JSON.readValue(exchange.getRequestBody(), SearchRequest.class);
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), request));
            if (down) {
                send(exchange, 503, "application/problem+json",
                        "{\"type\":\"urn:supportrag:problem:internal-error\",\"status\":503}");
                return;
            }
            send(exchange, 200, "application/json",
                    JSON.writeValueAsString(new SearchResponse(request.knowledgeBaseOrDefault(),
                            request.filtersOrNone().kindsOrEmpty().contains("ticket") ? ticketResults : results,
                            request.historyOrEmpty().isEmpty() ? null : standaloneQuery, 0, 0)));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static SearchHit hit(String title, String section, String text, double score) {
        return new SearchHit(UUID.randomUUID(), UUID.randomUUID(), title,
                "https://help.example.com/" + title.toLowerCase().replace(' ', '-'), section, text, score, 0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
