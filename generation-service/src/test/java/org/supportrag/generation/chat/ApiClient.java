package org.supportrag.generation.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;

/** Any JSON call to a running generation service, and live event streams read in the background. */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final InternalTokenService tokens;

    ApiClient(int port, InternalTokenService tokens) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.tokens = tokens;
    }

    record Response(int status, String contentType, JsonNode body) {

        String type() {
            return body.get("type") == null ? "" : body.get("type").stringValue();
        }
    }

    Response get(CallerIdentity caller, String path) throws IOException, InterruptedException {
        return send(request(caller, path).GET().build());
    }

    Response post(CallerIdentity caller, String path, String body) throws IOException, InterruptedException {
        return send(request(caller, path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
    }

    Response postEmpty(CallerIdentity caller, String path) throws IOException, InterruptedException {
        return send(request(caller, path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Response put(CallerIdentity caller, String path, String body) throws IOException, InterruptedException {
        return send(request(caller, path).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
    }

    private HttpRequest.Builder request(CallerIdentity caller, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + tokens.mint(caller))
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(60));
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        JsonNode json = body == null || body.isBlank() ? FakeRetrieval.JSON.nullNode()
                : FakeRetrieval.JSON.readTree(body);
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
    }

    /** One server-sent event; comments (heartbeats) have name {@code :comment} and the comment as raw text. */
    record LiveEvent(String name, String id, String raw) {

        JsonNode data() {
            return FakeRetrieval.JSON.readTree(raw);
        }
    }

    /** An open event stream, read on a background thread until closed. */
    static final class EventStream implements AutoCloseable {

        final int status;
        final String contentType;
        private final BlockingQueue<LiveEvent> events = new LinkedBlockingQueue<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        private EventStream(CompletableFuture<HttpResponse<Stream<String>>> response) throws Exception {
            this.response = response;
            HttpResponse<Stream<String>> started = response.get(30, TimeUnit.SECONDS);
            this.status = started.statusCode();
            this.contentType = started.headers().firstValue("Content-Type").orElse("");
            Thread.ofVirtual().start(() -> read(started.body()));
        }

        private void read(Stream<String> lines) {
            String name = "message";
            String id = "";
            StringBuilder data = new StringBuilder();
            try (lines) {
                Iterator<String> iterator = lines.iterator();
                while (iterator.hasNext()) {
                    String line = iterator.next();
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new LiveEvent(name, id, data.toString()));
                        }
                        name = "message";
                        id = "";
                        data.setLength(0);
                    }
                    else if (line.startsWith(":")) {
                        events.add(new LiveEvent(":comment", "", line.substring(1).strip()));
                    }
                    else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    }
                    else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    }
                    else if (line.startsWith("data:")) {
                        if (!data.isEmpty()) {
                            data.append('\n');
                        }
                        data.append(line.substring(5));
                    }
                }
            }
            catch (RuntimeException ex) {
                // Closed by the test.
            }
        }

        /** The next event that is not a comment, or null after the timeout. */
        LiveEvent next(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                LiveEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null || !event.name().equals(":comment")) {
                    return event;
                }
            }
        }

        /** The next comment, skipping events, or null after the timeout. */
        LiveEvent nextComment(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                LiveEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null || event.name().equals(":comment")) {
                    return event;
                }
            }
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
        }
    }

    EventStream events(CallerIdentity caller, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + tokens.mint(caller))
            .header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return new EventStream(http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
    }
}
