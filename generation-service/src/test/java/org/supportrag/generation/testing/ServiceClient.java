package org.supportrag.generation.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;

import static org.supportrag.generation.testing.FakeRetrieval.JSON;

/**
 * The one HTTP client of generation's integration tests: real calls to a running service with a minted internal
 * token, JSON answers, a chat turn's server-sent events and live event streams read in the background.
 */
public final class ServiceClient {

    public static final String CHAT = "/api/v1/chat";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntSupplier port;
    private final InternalTokenService tokens;

    public ServiceClient(int port, InternalTokenService tokens) {
        this(() -> port, tokens);
    }

    /** The port asked for at each call: a random port is known only once the server runs. */
    ServiceClient(IntSupplier port, InternalTokenService tokens) {
        this.port = port;
        this.tokens = tokens;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port.getAsInt();
    }

    public static CallerIdentity customer(String tenant) {
        return new CallerIdentity(tenant, "visitor-" + UUID.randomUUID(), Set.of(Roles.CUSTOMER), Set.of(), null);
    }

    public static String newTenant() {
        return "t-" + UUID.randomUUID();
    }

    public static String body(String message) {
        return JSON.createObjectNode().put("message", message).toString();
    }

    public static String body(String message, String conversationId) {
        return JSON.createObjectNode().put("message", message).put("conversationId", conversationId).toString();
    }

    /** A JSON (or empty) answer. */
    public record Response(int status, String contentType, JsonNode body) {

        /** The problem type of an RFC 9457 answer, or "". */
        public String type() {
            return body.get("type") == null ? "" : body.get("type").stringValue();
        }
    }

    /** One server-sent event of a chat turn and when it arrived. */
    public record Event(String name, JsonNode data, long arrivedNanos) {
    }

    /** A chat turn streamed as server-sent events. */
    public record Sse(int status, String contentType, List<Event> events, String rawBody) {

        public List<Event> named(String name) {
            return events.stream().filter(event -> event.name().equals(name)).toList();
        }

        public String text() {
            return named("token").stream().map(event -> event.data().get("text").stringValue())
                .collect(Collectors.joining());
        }
    }

    /** A chat turn's request sent, its event stream not read yet. */
    private HttpResponse<Stream<String>> openStream(CallerIdentity caller, String body)
            throws IOException, InterruptedException {
        HttpRequest request = request(caller, CHAT).header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofLines());
    }

    /** A chat turn as server-sent events. */
    public Sse stream(CallerIdentity caller, String body) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = openStream(caller, body);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        List<Event> events = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            SseReader reader = new SseReader((name, id, data) -> events
                .add(new Event(name, JSON.readTree(data), System.nanoTime())), comment -> {
                });
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                raw.append(line).append('\n');
                if (contentType.startsWith("text/event-stream")) {
                    reader.line(line);
                }
            }
        }
        return new Sse(response.statusCode(), contentType, events, raw.toString());
    }

    /**
     * A chat turn whose client goes away after the first token, as when the gateway replica carrying the stream
     * dies: the connection is closed. Answers the {@code meta} event's message id.
     */
    public String leaveAfterFirstToken(CallerIdentity caller, String body) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = openStream(caller, body);
        List<Event> events = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            SseReader reader = new SseReader((name, id, data) -> events
                .add(new Event(name, JSON.readTree(data), System.nanoTime())), comment -> {
                });
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext() && events.stream().noneMatch(event -> event.name().equals("token"))) {
                reader.line(iterator.next());
            }
        }
        return events.stream()
            .filter(event -> event.name().equals("meta"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no meta event"))
            .data()
            .get("messageId")
            .stringValue();
    }

    /** A chat turn answered at once (Accept null: the service's default). */
    public Response json(CallerIdentity caller, String body, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(caller, CHAT).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    public Response get(CallerIdentity caller, String path) throws IOException, InterruptedException {
        return send(request(caller, path).header("Accept", "application/json").GET().build());
    }

    public Response post(CallerIdentity caller, String path, String body) throws IOException, InterruptedException {
        return send("POST", path, caller, body);
    }

    public Response postEmpty(CallerIdentity caller, String path) throws IOException, InterruptedException {
        return send("POST", path, caller, null);
    }

    public Response put(CallerIdentity caller, String path, String body) throws IOException, InterruptedException {
        return send("PUT", path, caller, body);
    }

    /** Any method; caller null: without a token; body null: without a body. */
    public Response send(String method, String path, CallerIdentity caller, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = caller == null
                ? HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                : request(caller, path);
        request.header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request
            .method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build());
    }

    private HttpRequest.Builder request(CallerIdentity caller, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Authorization", "Bearer " + tokens.mint(caller))
            .timeout(Duration.ofSeconds(60));
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        JsonNode json = body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
    }

    /** One live event; comments (heartbeats) have name {@code :comment} and the comment as raw text. */
    public record LiveEvent(String name, String id, String raw) {

        public JsonNode data() {
            return JSON.readTree(raw);
        }
    }

    /** An open event stream, read on a background thread until closed. */
    public static final class EventStream implements AutoCloseable {

        public final int status;
        public final String contentType;
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
            SseReader reader = new SseReader((name, id, data) -> events.add(new LiveEvent(name, id, data)),
                    comment -> events.add(new LiveEvent(":comment", "", comment)));
            try (lines) {
                lines.forEach(reader::line);
            }
            catch (RuntimeException ex) {
                // Closed by the test.
            }
        }

        /** The next event that is not a comment, or null after the timeout. */
        public LiveEvent next(Duration timeout) throws InterruptedException {
            return poll(timeout, event -> !event.name().equals(":comment"));
        }

        /** The next comment, skipping events, or null after the timeout. */
        public LiveEvent nextComment(Duration timeout) throws InterruptedException {
            return poll(timeout, event -> event.name().equals(":comment"));
        }

        private LiveEvent poll(Duration timeout, Predicate<LiveEvent> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                LiveEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null || wanted.test(event)) {
                    return event;
                }
            }
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
        }
    }

    public EventStream events(CallerIdentity caller, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = request(caller, path).header("Accept", "text/event-stream");
        request.timeout(Duration.ofDays(1));
        headers.forEach(request::header);
        return new EventStream(http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
    }

    /** The text/event-stream format, line by line. */
    private static final class SseReader {

        interface EventSink {

            void accept(String name, String id, String data);
        }

        private final EventSink events;
        private final java.util.function.Consumer<String> comments;
        private String name = "message";
        private String id = "";
        private final StringBuilder data = new StringBuilder();

        SseReader(EventSink events, java.util.function.Consumer<String> comments) {
            this.events = events;
            this.comments = comments;
        }

        void line(String line) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.accept(name, id, data.toString());
                }
                name = "message";
                id = "";
                data.setLength(0);
            }
            else if (line.startsWith(":")) {
                comments.accept(line.substring(1).strip());
            }
            else if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            }
            else if (line.startsWith("id:")) {
                id = line.substring("id:".length()).strip();
            }
            else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring("data:".length()));
            }
        }
    }
}
