package org.supportrag.ingestion.document;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for generation's {@code POST /api/v1/cache/document-changes} (built by the
 * generation team): records accepted events, answers 204, or fails the next requests on demand.
 */
final class FakeGeneration implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Received(String path, String authorization, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    FakeGeneration() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> accepted() {
        return List.copyOf(accepted);
    }

    int attempts() {
        return attempts.get();
    }

    void failNext(int count) {
        failures.set(count);
    }

    void reset() {
        accepted.clear();
        failures.set(0);
        attempts.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            attempts.incrementAndGet();
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            accepted.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), JSON.readTree(body)));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
