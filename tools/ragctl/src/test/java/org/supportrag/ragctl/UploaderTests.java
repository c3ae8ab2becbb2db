package org.supportrag.ragctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The upload side of {@code ragctl ingest} against an HTTP server speaking the ingestion job protocol. */
class UploaderTests {

    private HttpServer server;
    private final AtomicInteger jobs = new AtomicInteger();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/knowledge-bases/support/documents", exchange -> {
            apiKeys.add(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            exchange.getRequestBody().readAllBytes();
            String id = "job-" + jobs.incrementAndGet();
            exchange.getResponseHeaders().set("Location", "/api/v1/knowledge-bases/support/jobs/" + id);
            respond(exchange, 202, "{\"jobId\":\"" + id + "\",\"status\":\"queued\",\"jobUrl\":\"/api/v1/knowledge-bases/support/jobs/"
                    + id + "\"}");
        });
        server.createContext("/api/v1/knowledge-bases/support/jobs/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring(exchange.getRequestURI().getPath().lastIndexOf('/') + 1);
            int poll = polls.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            if (poll < 2) {
                respond(exchange, 200, "{\"status\":\"running\",\"progress\":{\"filesDone\":1}}");
                return;
            }
            String body = id.equals("job-1")
                    ? "{\"status\":\"completed\",\"progress\":{\"filesDone\":2},\"created\":1,\"updated\":0,\"unchanged\":0,\"failed\":1,"
                            + "\"documents\":[{\"name\":\"a.md\",\"status\":\"created\"},{\"name\":\"b.doc\",\"status\":\"failed\","
                            + "\"error\":\"unsupported file type\"}]}"
                    : "{\"status\":\"completed\",\"progress\":{\"filesDone\":1},\"created\":0,\"updated\":1,\"unchanged\":0,\"failed\":0,"
                            + "\"documents\":[{\"name\":\"c.md\",\"status\":\"updated\"}]}";
            respond(exchange, 200, body);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void uploadsBatchesAsJobsAndAddsUpTheirOutcomesOnceTheyFinished() {
        GatewayClient client = new GatewayClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "admin-key");
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        Uploader uploader = new Uploader(client, "support", 2,
                new Progress(new PrintStream(bar, true, StandardCharsets.UTF_8), true, "ingesting", 3));

        uploader.add(new GatewayClient.Upload("a.md", "# A".getBytes(StandardCharsets.UTF_8)));
        uploader.add(new GatewayClient.Upload("b.doc", "legacy".getBytes(StandardCharsets.UTF_8)));
        uploader.add(new GatewayClient.Upload("c.md", "# C".getBytes(StandardCharsets.UTF_8)));
        Uploader.Summary summary = uploader.finish();

        assertThat(jobs.get()).isEqualTo(2);
        assertThat(summary.line()).isEqualTo("created 1, updated 1, unchanged 0, failed 1");
        assertThat(summary.failures()).containsExactly(Map.entry("b.doc", "unsupported file type"));
        assertThat(polls.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(2));
        assertThat(apiKeys).containsOnly("admin-key");
        assertThat(bar.toString(StandardCharsets.UTF_8)).contains("3/3");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
