package org.supportrag.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A backend service stand-in on a real HTTP port: records what the gateway forwards and answers JSON, or a slow SSE
 * stream when asked for {@code text/event-stream}.
 */
final class FakeBackend implements AutoCloseable {

    static final int SSE_EVENTS = 3;
    /** Request header asking for a longer stream than {@link #SSE_EVENTS}. */
    static final String SSE_EVENTS_HEADER = "X-Test-Sse-Events";
    static final Duration SSE_EVENT_GAP = Duration.ofMillis(300);
    /** Request header asking the backend to wait this many milliseconds before answering. */
    static final String DELAY_HEADER = "X-Test-Delay-Ms";
    /** A request body containing this is answered with a 400 validation problem. */
    static final String INVALID_MARKER = "fake-invalid";

    record Recorded(String method, String path, Map<String, List<String>> headers, String body) {

        @Nullable
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        boolean hasHeader(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    /** The gateway's own calls (tenant purges), kept apart so they never interleave with the proxied requests. */
    private final BlockingQueue<Recorded> internalRequests = new LinkedBlockingQueue<>();
    private volatile long lastEventSentNanos;
    private volatile long streamEndedNanos;

    private FakeBackend(HttpServer server) {
        this.server = server;
    }

    static FakeBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeBackend backend = new FakeBackend(server);
            server.createContext("/", backend::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return backend;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request the gateway forwarded, failing if none arrives soon. */
    Recorded takeRequest() throws InterruptedException {
        Recorded recorded = requests.poll(5, TimeUnit.SECONDS);
        if (recorded == null) {
            throw new AssertionError("the backend received no request");
        }
        return recorded;
    }

    /**
     * The next call the gateway made on its own behalf (not proxied) to this path, skipping others (earlier tests'),
     * failing if none arrives soon.
     */
    Recorded takeInternalRequest(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Recorded recorded = internalRequests.poll(100, TimeUnit.MILLISECONDS);
            if (recorded != null && recorded.path().equals(path)) {
                return recorded;
            }
        }
        throw new AssertionError("the backend received no internal request to " + path);
    }

    boolean receivedNothing() {
        return requests.isEmpty();
    }

    void reset() {
        requests.clear();
    }

    /** How many requests arrived since the last {@link #reset()}. */
    int received() {
        return requests.size();
    }

    long lastEventSentNanos() {
        return lastEventSentNanos;
    }

    /** When the last SSE stream ended, completed or broken off by the gateway. */
    long streamEndedNanos() {
        return streamEndedNanos;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body);
            (recorded.path().startsWith("/internal/") ? internalRequests : requests).add(recorded);
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            String delay = exchange.getRequestHeaders().getFirst(DELAY_HEADER);
            if (delay != null) {
                // A slow backend: nothing, not even headers, until the delay has passed.
                sleep(Duration.ofMillis(Long.parseLong(delay)));
            }
            if (exchange.getRequestURI().getPath().contains("boom")) {
                // A broken backend: a server error with a stack trace that must never reach the client.
                byte[] trace = "java.lang.IllegalStateException: db password=secret\n\tat org.example.Service.run(Service.java:42)"
                    .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(500, trace.length);
                exchange.getResponseBody().write(trace);
            }
            else if (body.contains(INVALID_MARKER)) {
                // A backend refusing the body as it would invalid settings: a problem the client may see.
                byte[] problem = ("{\"type\":\"urn:supportrag:problem:validation\",\"title\":\"Invalid policy\","
                        + "\"status\":400,\"detail\":\"caveatBelow: must be between 0 and 1\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(400, problem.length);
                exchange.getResponseBody().write(problem);
            }
            else if (accept != null && accept.contains("text/event-stream")) {
                String events = exchange.getRequestHeaders().getFirst(SSE_EVENTS_HEADER);
                streamEvents(exchange, events == null ? SSE_EVENTS : Integer.parseInt(events));
            }
            else {
                byte[] json = "{\"answer\":\"from backend\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, json.length);
                exchange.getResponseBody().write(json);
            }
        }
    }

    private void streamEvents(HttpExchange exchange, int count) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 1; i <= count; i++) {
                if (i > 1) {
                    sleep(SSE_EVENT_GAP);
                }
                String name = i == 1 ? "meta" : "token";
                out.write(("event: " + name + "\ndata: {\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastEventSentNanos = System.nanoTime();
            }
        }
        finally {
            streamEndedNanos = System.nanoTime();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    static URI unusedPortUrl() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
