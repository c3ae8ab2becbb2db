package org.supportrag.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton end to end: five services as processes on random ports, real PostgreSQL + pgvector, the
 * real embedding model, real HTTP between services, and one trace per chat turn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServiceLogsOnFailure.class)
class ChatThroughThePlatformIT {

    static final String WIDGET_KEY = "demo-widget-key";
    static final String ADMIN_KEY = "demo-admin-key";
    static final JsonMapper JSON = JsonMapper.builder().build();

    OtlpTraceCollector traces;
    Platform platform;
    HttpClient http;
    String knowledgeBase;
    Map<String, String> documentIds;

    @BeforeAll
    void startPlatformAndIngest() throws Exception {
        traces = SharedPlatform.traces();
        platform = SharedPlatform.platform();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        knowledgeBase = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        documentIds = ingest(Map.of("returns.md", """
                # Returns and refunds

                ## Return window
                Orders can be returned within 45 days of delivery. Start a return from the Orders page and print
                the prepaid label; drop the parcel at any partner carrier location.

                ## Refund timing
                Refunds reach the original payment method within 7 business days after the warehouse scans
                the returned parcel.
                """, "passwords.md", """
                # Account access

                ## Resetting your password
                Open the sign-in page and choose "Forgot password". We e-mail a reset link that stays valid for
                60 minutes. The new password needs at least 12 characters.

                ## Two-factor authentication
                Turn on two-factor authentication under Settings, Security, with any authenticator app.
                """));
    }

    @Test
    void answersAStreamedQuestionWithCitationsOfTheIngestedDocumentUnderOneTrace() throws Exception {
        HttpResponse<Stream<String>> response = http.send(chat("How long is the password reset link valid?")
            .header("Accept", "text/event-stream")
            .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<SseEvent> events = SseEvent.parse(response.body());

        assertThat(events).isNotEmpty();
        assertThat(events.getFirst().name()).isEqualTo("meta");
        assertThat(events.getLast().name()).isEqualTo("done");
        List<String> names = events.stream().map(SseEvent::name).distinct().toList();
        assertThat(names).contains("meta", "token", "citation", "done").doesNotContain("error");

        String answer = events.stream()
            .filter(event -> event.name().equals("token"))
            .map(event -> event.data().get("text").asString())
            .collect(Collectors.joining());
        assertThat(answer).contains("60 minutes").contains("[1]");

        List<JsonNode> citations = events.stream().filter(e -> e.name().equals("citation")).map(SseEvent::data).toList();
        assertThat(citations).allSatisfy(citation -> {
            assertThat(citation.get("documentId").asString()).isIn(documentIds.values());
            assertThat(answer).contains("[" + citation.get("index").asInt() + "]");
        });
        assertThat(citations.getFirst().get("documentId").asString()).isEqualTo(documentIds.get("passwords.md"));
        assertThat(citations.getFirst().get("title").asString()).isEqualTo("Account access");

        JsonNode done = events.getLast().data();
        assertThat(done.get("escalated").asBoolean()).isFalse();
        assertThat(done.get("model").asString()).isNotBlank();
        assertThat(done.get("usage").has("promptTokens")).isTrue();

        // One trace from the gateway through generation and retrieval down to the database.
        String traceId = events.getFirst().data().get("traceId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        Set<String> services = awaitServices(traceId, Set.of("gateway-service", "generation-service",
                "retrieval-service"), Duration.ofSeconds(20));
        assertThat(services).contains("gateway-service", "generation-service", "retrieval-service");
        List<OtlpTraceCollector.ReceivedSpan> spans = traces.spansOf(traceId);
        assertThat(spans).as("client spans for the REST hops")
            .anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("gateway-service");
                assertThat(span.kind()).isEqualTo("SPAN_KIND_CLIENT");
            })
            .anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("generation-service");
                assertThat(span.kind()).isEqualTo("SPAN_KIND_CLIENT");
            });
        assertThat(spans).as("database spans in retrieval and generation")
            .anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("retrieval-service");
                assertThat(span.name()).containsIgnoringCase("query");
            })
            .anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("generation-service");
                assertThat(span.name()).containsIgnoringCase("query");
            });
        // Every span's parent is in the trace, except the gateway's root: nothing started a new trace midway.
        Set<String> ids = spans.stream().map(OtlpTraceCollector.ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(spans.stream().filter(span -> !span.parentSpanId().isEmpty() && !ids.contains(span.parentSpanId())))
            .as("orphan spans").isEmpty();
    }

    @Test
    void answersInJsonAndContinuesTheSameConversation() throws Exception {
        JsonNode first = chatJson(Map.of("message", "What is the return window?", "knowledgeBase", knowledgeBase));
        assertThat(first.get("answer").asString()).contains("45 days");
        assertThat(first.get("citations").get(0).get("documentId").asString()).isEqualTo(documentIds.get("returns.md"));
        String conversationId = first.get("conversationId").asString();

        JsonNode second = chatJson(Map.of("message", "And when do refunds arrive?", "conversationId", conversationId,
                "knowledgeBase", knowledgeBase));
        assertThat(second.get("conversationId").asString()).isEqualTo(conversationId);
        assertThat(second.get("answer").asString()).contains("7 business days");
    }

    @Test
    void refusesDirectCallsToEveryServiceWithoutAnInternalToken() throws Exception {
        Map<String, String> endpoints = Map.of("ingestion", "/api/v1/knowledge-bases/default/documents",
                "retrieval", "/api/v1/search", "generation", "/api/v1/chat", "eval", "/api/v1/feedback");
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            HttpResponse<String> response = http.send(HttpRequest
                .newBuilder(URI.create(platform.url(endpoint.getKey()) + endpoint.getValue()))
                .header("Content-Type", "application/json")
                // A widget key is worthless inside: only the gateway turns it into an internal token.
                .header("X-Api-Key", WIDGET_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\",\"query\":\"hi\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(endpoint.getKey()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).as(endpoint.getKey())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void answersBadChatInputWithClearProblems() throws Exception {
        assertProblem(chat("{\"message\":\"\"}", WIDGET_KEY, null), 400);
        assertProblem(chat("{\"message\":\"" + "a".repeat(20_000) + "\"}", WIDGET_KEY, null), 400, 413);
        assertProblem(chat("{\"message\":\"hello\",\"conversationId\":\"" + UUID.randomUUID() + "\"}", WIDGET_KEY, null),
                404);
        assertProblem(chat("{\"message\":\"hello\"}", "not-a-key", null), 401);
        assertProblem(chat("{\"message\":\"hello\"}", WIDGET_KEY, "https://evil.example.com"), 403);
        assertProblem(chat("{\"message\":", WIDGET_KEY, null), 400);
    }

    private void assertProblem(HttpRequest request, Integer... statuses) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn((Object[]) statuses);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).startsWith("urn:supportrag:problem:");
        assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private HttpRequest chat(String body, String key, String origin) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.build();
    }

    private HttpRequest.Builder chat(String message) {
        String body = JSON.writeValueAsString(Map.of("message", message, "knowledgeBase", knowledgeBase));
        return HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("X-Api-Key", WIDGET_KEY)
            .header("Origin", platform.gateway())
            .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private JsonNode chatJson(Map<String, String> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest
            .newBuilder(URI.create(platform.gateway() + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", WIDGET_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private Map<String, String> ingest(Map<String, String> files) throws IOException, InterruptedException {
        HttpResponse<String> response = platform.uploadMarkdown(knowledgeBase, files, ADMIN_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("created").asInt()).as(response.body()).isEqualTo(files.size());
        Map<String, String> ids = new java.util.HashMap<>();
        result.get("documents").forEach(doc -> ids.put(doc.get("name").asString(), doc.get("documentId").asString()));
        return ids;
    }

    private Set<String> awaitServices(String traceId, Set<String> expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Set<String> seen = Set.of();
        while (Instant.now().isBefore(deadline)) {
            seen = traces.spansOf(traceId).stream().map(OtlpTraceCollector.ReceivedSpan::service)
                .collect(Collectors.toSet());
            if (seen.containsAll(expected)) {
                // Let the last batches (database spans end last) arrive too.
                Thread.sleep(1000);
                return seen;
            }
            Thread.sleep(200);
        }
        return seen;
    }

    record SseEvent(String name, JsonNode data) {

        static List<SseEvent> parse(Stream<String> lines) {
            List<SseEvent> events = new ArrayList<>();
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new SseEvent(name, JSON.readTree(data.toString())));
                    }
                    name = "message";
                    data.setLength(0);
                }
                else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                }
                else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
            if (!data.isEmpty()) {
                events.add(new SseEvent(name, JSON.readTree(data.toString())));
            }
            return events;
        }
    }
}
