package org.supportrag.ingestion.document;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server implementing the retrieval service's index contract ({@code PUT} and {@code DELETE}
 * {@code /api/v1/index/documents/{id}}), recording every request. Its answers can be switched to failures.
 */
public final class FakeRetrievalIndex implements AutoCloseable {

    private static final Pattern DOCUMENT_PATH = Pattern.compile("/api/v1/index/documents/([0-9a-f-]{36})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Request(String method, String path, @Nullable String documentId, @Nullable String authorization,
            @Nullable String contentType, @Nullable JsonNode body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int failWith;
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int failNextWith;
    private volatile long delayMillis;

    FakeRetrievalIndex() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Answer every following request with this status (0: behave normally). */
    void failWith(int status) {
        this.failWith = status;
    }

    /** Answer the next {@code count} requests with this status, then behave normally. */
    void failNext(int count, int status) {
        failNextWith = status;
        failures.set(count);
    }

    /** Wait this long before answering each request (to catch a job in the middle). */
    void delay(long millis) {
        this.delayMillis = millis;
    }

    void reset() {
        requests.clear();
        failWith = 0;
        failures.set(0);
        delayMillis = 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bytes.length == 0 ? null : JSON.readTree(bytes);
            Matcher matcher = DOCUMENT_PATH.matcher(path);
            String documentId = matcher.matches() ? matcher.group(1) : null;
            requests.add(new Request(method, path, documentId, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = failWith != 0 ? failWith : failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failNextWith : 0;
            if (status != 0) {
                respond(exchange, status, "application/problem+json",
                        "{\"type\":\"urn:supportrag:problem:internal-error\",\"title\":\"Internal error\",\"status\":"
                                + status + "}");
                return;
            }
            if (documentId == null) {
                respond(exchange, 404, "application/problem+json", "{\"status\":404}");
            }
            else if (method.equals("PUT") && body != null) {
                respond(exchange, 200, "application/json",
                        "{\"documentId\":\"" + documentId + "\",\"chunks\":" + body.get("chunks").size() + "}");
            }
            else if (method.equals("DELETE")) {
                exchange.sendResponseHeaders(204, -1);
            }
            else {
                respond(exchange, 405, "application/problem+json", "{\"status\":405}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
