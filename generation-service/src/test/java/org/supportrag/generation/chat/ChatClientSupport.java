package org.supportrag.generation.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;

/** Real HTTP calls to the running service, SSE included. */
final class ChatClientSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final InternalTokenService tokens;

    ChatClientSupport(int port, InternalTokenService tokens) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.tokens = tokens;
    }

    static CallerIdentity customer(String tenant) {
        return new CallerIdentity(tenant, "visitor-" + UUID.randomUUID(), Set.of(Roles.CUSTOMER), Set.of(), null);
    }

    static String newTenant() {
        return "t-" + UUID.randomUUID();
    }

    /** One server-sent event and when it arrived. */
    record Event(String name, JsonNode data, long arrivedNanos) {
    }

    record Sse(int status, String contentType, List<Event> events, String rawBody) {

        List<Event> named(String name) {
            return events.stream().filter(event -> event.name().equals(name)).toList();
        }

        String text() {
            return named("token").stream().map(event -> event.data().get("text").stringValue())
                .collect(Collectors.joining());
        }
    }

    record Json(int status, String contentType, JsonNode body) {
    }

    Sse stream(CallerIdentity caller, String body) throws IOException, InterruptedException {
        HttpRequest request = post(body, caller).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        List<Event> events = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                raw.append(line).append('\n');
                if (!contentType.startsWith("text/event-stream")) {
                    continue;
                }
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, FakeRetrieval.JSON.readTree(data.toString()), System.nanoTime()));
                    }
                    name = "message";
                    data.setLength(0);
                }
                else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                }
                else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring("data:".length()));
                }
            }
        }
        return new Sse(response.statusCode(), contentType, events, raw.toString());
    }

    Json json(CallerIdentity caller, String body, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = post(body, caller);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    Json get(CallerIdentity caller, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + tokens.mint(caller))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build());
    }

    Json postWithoutToken(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + ChatController.PATH))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
    }

    private HttpRequest.Builder post(String body, CallerIdentity caller) {
        return HttpRequest.newBuilder(URI.create(baseUrl + ChatController.PATH))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + tokens.mint(caller))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private Json send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        JsonNode json = body == null || body.isBlank() ? FakeRetrieval.JSON.nullNode()
                : FakeRetrieval.JSON.readTree(body);
        return new Json(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
    }

    static String body(String message) {
        return FakeRetrieval.JSON.createObjectNode().put("message", message).toString();
    }

    static String body(String message, String conversationId) {
        return FakeRetrieval.JSON.createObjectNode()
            .put("message", message)
            .put("conversationId", conversationId)
            .toString();
    }
}
