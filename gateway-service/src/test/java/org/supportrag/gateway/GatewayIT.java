package org.supportrag.gateway;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.gateway.apikeys.KeyHashes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway against real PostgreSQL (local profile: demo keys) and real HTTP backends standing in for the
 * generation, ingestion and eval services.
 */
// Own setup, not @GatewayIT: the local profile (demo tenant in the gateway schema) and tracing on local routes.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET)
@ActiveProfiles("local")
@AutoConfigureTracing
@Import({ PostgresTestConfiguration.class, GatewayIT.SpanRecording.class })
@ExtendWith(OutputCaptureExtension.class)
class GatewayIT {

    static final String WIDGET_KEY = "demo-widget-key";
    static final String ADMIN_KEY = "demo-admin-key";
    static final String PROBLEM = "urn:supportrag:problem:";

    static final FakeBackend generation = FakeBackend.start();
    static final FakeBackend ingestion = FakeBackend.start();
    static final FakeBackend retrieval = FakeBackend.start();
    static final URI eval = FakeBackend.unusedPortUrl();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("rag.gateway.generation-url", generation::url);
        registry.add("rag.gateway.ingestion-url", ingestion::url);
        registry.add("rag.gateway.eval-url", eval::toString);
        registry.add("rag.gateway.retrieval-url", retrieval::url);
    }

    @AfterAll
    static void stopBackends() {
        generation.close();
        ingestion.close();
        retrieval.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("internalJwtDecoder")
    JwtDecoder internalJwtDecoder;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordedSpans spans;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void resetBackends() {
        generation.reset();
        ingestion.reset();
        retrieval.reset();
    }

    @Test
    void forwardsChatWithAnInternalTokenForTheWidgetCallerAndWithoutClientCredentials() throws Exception {
        HttpResponse<String> response = send(chat("{\"message\":\"Where is my parcel?\"}").header("X-Api-Key", WIDGET_KEY)
            .header("Cookie", "session=abc")
            .header("X-Internal-Tenant", "other")
            .header("X-Tenant-Id", "other")
            .header("X-User-Roles", "admin"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from backend");
        FakeBackend.Recorded forwarded = generation.takeRequest();
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.path()).isEqualTo("/api/v1/chat");
        assertThat(forwarded.body()).isEqualTo("{\"message\":\"Where is my parcel?\"}");
        assertThat(forwarded.headers()).doesNotContainKeys("x-api-key", "cookie", "x-internal-tenant", "x-tenant-id",
                "x-user-roles");
        Jwt token = internalToken(forwarded);
        assertThat(token.getClaimAsString("tenant")).isEqualTo("demo");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("customer");
        assertThat(token.getSubject()).isEqualTo("widget:" + KeyHashes.sha256Hex(WIDGET_KEY).substring(0, 12));
    }

    @Test
    void streamsServerSentEventsWithoutBuffering() throws Exception {
        HttpRequest request = chat("{\"message\":\"Hi\"}").header("X-Api-Key", WIDGET_KEY)
            .setHeader("Accept", "text/event-stream")
            .build();
        HttpResponse<InputStream> response = http.send(request, BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        long firstEventSeen = 0;
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("event:")) {
                    if (events.isEmpty()) {
                        firstEventSeen = System.nanoTime();
                    }
                    events.add(line.substring("event:".length()).strip());
                }
            }
        }
        assertThat(events).containsExactly("meta", "token", "token");
        assertThat(firstEventSeen).as("first event reached the client before the backend sent the last one")
            .isLessThan(generation.lastEventSentNanos());
    }

    @Test
    void toleratesAClientThatLeavesMidStream(CapturedOutput output) throws Exception {
        HttpRequest request = chat("{\"message\":\"Hi\"}").header("X-Api-Key", WIDGET_KEY)
            .setHeader("Accept", "text/event-stream")
            .header(FakeBackend.SSE_EVENTS_HEADER, "8")
            .build();
        HttpResponse<InputStream> response = http.send(request, BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.read()).isNotNegative();
        }
        long closedAt = System.nanoTime();

        // The gateway only notices the gone client on a later write, then gives up on the backend stream too.
        await().atMost(Duration.ofSeconds(10)).until(() -> generation.streamEndedNanos() > closedAt);
        assertThat(send(chat("{\"message\":\"Still there?\"}").header("X-Api-Key", WIDGET_KEY)).statusCode())
            .isEqualTo(200);
        assertThat(output).doesNotContain("Unhandled error").doesNotContain("\"level\":\"ERROR\"");
    }

    @Test
    void rejectsAnUnknownKey() throws Exception {
        HttpResponse<String> response = send(chat("{\"message\":\"Hi\"}").header("X-Api-Key", "not-a-key"));

        assertProblem(response, 401, "invalid-api-key");
        assertThat(generation.receivedNothing()).isTrue();
    }

    @Test
    void rejectsARequestWithoutAKey() throws Exception {
        HttpResponse<String> response = send(chat("{\"message\":\"Hi\"}"));

        assertProblem(response, 401, "invalid-api-key");
        assertThat(generation.receivedNothing()).isTrue();
    }

    @Test
    void rejectsARevokedKey() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String key = "revoked-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, name) VALUES (?, 'Revoked test')").param(tenant).update();
        jdbc.sql("INSERT INTO widget_keys (key_hash, tenant_id, allowed_origins, revoked_at) VALUES (?, ?, '{}', now())")
            .params(KeyHashes.sha256Hex(key), tenant)
            .update();

        HttpResponse<String> response = send(chat("{\"message\":\"Hi\"}").header("X-Api-Key", key));

        assertProblem(response, 401, "invalid-api-key");
    }

    @Test
    void rejectsAWidgetKeyUsedFromAForeignOrigin() throws Exception {
        HttpResponse<String> response = send(chat("{\"message\":\"Hi\"}").header("X-Api-Key", WIDGET_KEY)
            .header("Origin", "https://evil.example"));

        assertProblem(response, 403, "origin-not-allowed");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(generation.receivedNothing()).isTrue();
    }

    @Test
    void acceptsAWidgetKeyFromAnAllowedOriginAndLetsThatOriginReadTheAnswer() throws Exception {
        HttpResponse<String> response = send(chat("{\"message\":\"Hi\"}").header("X-Api-Key", WIDGET_KEY)
            .header("Origin", "http://127.0.0.1:8080"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:8080");
        assertThat(generation.takeRequest().hasHeader("origin")).isFalse();
    }

    @Test
    void answersCorsPreflightsOfWidgetRoutes() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/chat").method("OPTIONS", BodyPublishers.noBody())
            .header("Origin", "http://localhost:8080")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-api-key"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                allowed -> assertThat(allowed).containsIgnoringCase("X-Api-Key"));
    }

    @Test
    void refusesAWidgetKeyWithoutOriginOnAgentAndAdminRoutes() throws Exception {
        HttpResponse<String> response = send(upload().header("X-Api-Key", WIDGET_KEY));

        assertProblem(response, 403, "forbidden");
        assertThat(ingestion.receivedNothing()).isTrue();
        assertProblem(send(request("/api/v1/escalations").header("X-Api-Key", WIDGET_KEY).GET()), 403, "forbidden");
        assertThat(generation.receivedNothing()).isTrue();
    }

    @Test
    void forwardsAdminRoutesForAnAdminBearerKeyWithAnInternalTokenInsteadOfTheKey() throws Exception {
        HttpResponse<String> response = send(upload().header("Authorization", "Bearer " + ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        FakeBackend.Recorded forwarded = ingestion.takeRequest();
        assertThat(forwarded.path()).isEqualTo("/api/v1/knowledge-bases/default/documents");
        assertThat(forwarded.header("authorization")).doesNotContain(ADMIN_KEY);
        Jwt token = internalToken(forwarded);
        assertThat(token.getClaimAsString("tenant")).isEqualTo("demo");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("admin");
    }

    @Test
    void forwardsSearchForAnAdminKeyForEvaluationButNotForAWidgetKey() throws Exception {
        HttpRequest.Builder search = request("/api/v1/search").header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"query\":\"refunds\",\"topK\":100}"));

        assertProblem(send(search.copy().header("X-Api-Key", WIDGET_KEY)), 403, "forbidden");
        assertThat(retrieval.receivedNothing()).isTrue();

        HttpResponse<String> response = send(search.copy().header("X-Api-Key", ADMIN_KEY));
        assertThat(response.statusCode()).isEqualTo(200);
        FakeBackend.Recorded forwarded = retrieval.takeRequest();
        assertThat(forwarded.path()).isEqualTo("/api/v1/search");
        assertThat(internalToken(forwarded).getClaimAsString("tenant")).isEqualTo("demo");
    }

    @Test
    void acceptsTheAdminKeyInTheApiKeyHeaderToo() throws Exception {
        HttpResponse<String> response = send(upload().header("X-Api-Key", ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(internalToken(ingestion.takeRequest()).getClaimAsStringList("roles")).containsExactly("admin");
    }

    @Test
    void neverForwardsAnAuthorizationHeaderSentByTheClient() throws Exception {
        String forged = tokens.mint(new CallerIdentity("other-tenant", "attacker", Set.of("admin"), Set.of(), null));

        HttpResponse<String> response = send(chat("{\"message\":\"Hi\"}").header("X-Api-Key", WIDGET_KEY)
            .header("Authorization", "Bearer " + forged));

        assertThat(response.statusCode()).isEqualTo(200);
        FakeBackend.Recorded forwarded = generation.takeRequest();
        assertThat(forwarded.headers().get("authorization")).hasSize(1);
        assertThat(forwarded.header("authorization")).isNotEqualTo("Bearer " + forged);
        assertThat(internalToken(forwarded).getClaimAsString("tenant")).isEqualTo("demo");
    }

    @Test
    void doesNotAcceptAnInternalTokenInsteadOfAKey() throws Exception {
        String token = tokens.mint(new CallerIdentity("demo", "someone", Set.of("admin"), Set.of(), null));

        HttpResponse<String> chat = send(chat("{\"message\":\"Hi\"}").header("Authorization", "Bearer " + token));
        HttpResponse<String> admin = send(upload().header("Authorization", "Bearer " + token));

        // A JWT bearer is taken for a console sign-in, and an internal token is not one.
        assertProblem(chat, 401, "invalid-token");
        assertProblem(admin, 401, "invalid-token");
        assertThat(generation.receivedNothing()).isTrue();
        assertThat(ingestion.receivedNothing()).isTrue();
    }

    @Test
    void answersAProblemWhenTheBackendIsDown() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/feedback").header("X-Api-Key", WIDGET_KEY)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"messageId\":\"m1\",\"rating\":1}")));

        assertProblem(response, 503, "upstream-unavailable");
        assertThat(response.body()).doesNotContain("Exception", "127.0.0.1");
    }

    @Test
    void opensTheRoutesBreakerWhileItsBackendIsDownAndLeavesTheOtherRoutesAlone() throws Exception {
        breakers.circuitBreaker("proxy-eval").reset();

        for (int i = 0; i < 5; i++) {
            assertProblem(send(request("/api/v1/feedback").header("X-Api-Key", WIDGET_KEY)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"messageId\":\"m1\",\"rating\":1}"))), 503, "upstream-unavailable");
        }

        assertThat(breakers.circuitBreaker("proxy-eval").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(send(chat("{\"message\":\"Hi\"}").header("X-Api-Key", WIDGET_KEY)).statusCode())
            .as("another backend's route").isEqualTo(200);
        assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "proxy-eval").tag("state", "open")
            .gauge()
            .value()).isEqualTo(1.0);
        breakers.circuitBreaker("proxy-eval").reset();
    }

    @Test
    void neverOpensARoutesBreakerOnTheBackendsOwnServerErrors() throws Exception {
        breakers.circuitBreaker("proxy-generation").reset();

        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = send(request("/api/v1/prompts/boom").header("X-Api-Key", ADMIN_KEY).GET());
            assertProblem(response, 502, "upstream-error");
        }

        assertThat(breakers.circuitBreaker("proxy-generation").getState()).as("the backend answered: it is up")
            .isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void refusesAChatBodyOverTheLimit() throws Exception {
        String big = "{\"message\":\"" + "x".repeat(70 * 1024) + "\"}";

        HttpResponse<String> response = send(chat(big).header("X-Api-Key", WIDGET_KEY));

        assertProblem(response, 413, "payload-too-large");
        assertThat(generation.receivedNothing()).isTrue();
    }

    @Test
    void refusesAChunkedChatBodyOnceItGrowsOverTheLimit() throws Exception {
        byte[] big = ("{\"message\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(request("/api/v1/chat").header("X-Api-Key", WIDGET_KEY)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void answersNotFoundProblemsForUnknownPaths() throws Exception {
        assertProblem(send(request("/api/v1/unknown").header("X-Api-Key", WIDGET_KEY)), 404, "not-found");
        assertProblem(send(request("/api/v1/unknown").POST(BodyPublishers.ofString("{}"))), 404, "not-found");
        assertProblem(send(request("/no-such-page.html")), 404, "not-found");
    }

    @Test
    void servesTheDemoPageTheWidgetAndTheConsoleWithSecurityHeaders() throws Exception {
        HttpResponse<String> page = send(request("/"));
        HttpResponse<String> widget = send(request("/widget.js"));
        HttpResponse<String> module = send(request("/widget/client.js").header("Origin", "https://shop.example"));
        HttpResponse<String> console = send(request("/console/"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Parcelly")
            .contains("<script src=\"/widget.js\" data-key=\"demo-widget-key\" defer></script>");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(widget.statusCode()).isEqualTo(200);
        assertThat(widget.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
        assertThat(widget.body()).contains("widget/main.js").doesNotContain("innerHTML");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
        assertThat(module.body()).contains("text/event-stream").doesNotContain("innerHTML");
        // A shop's page imports the modules cross-origin (CORS mode), without credentials.
        assertThat(module.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("Agent console");
    }

    @Test
    void keepsHealthOpenAndMetricsBehindAnOperatorKey() throws Exception {
        assertThat(send(request("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        assertProblem(send(request("/actuator/prometheus")), 401, "invalid-api-key");
        assertProblem(send(request("/actuator/prometheus").header("X-Api-Key", WIDGET_KEY)), 403, "forbidden");
        assertThat(send(request("/actuator/prometheus").header("Authorization", "Bearer " + ADMIN_KEY)).statusCode())
            .isEqualTo(200);
    }

    @Test
    void continuesTheClientTraceThroughAnObservedProxyCall() throws Exception {
        String traceId = randomHex(16);
        String clientSpanId = randomHex(8);

        HttpResponse<String> response = send(chat("{\"message\":\"Hi\"}").header("X-Api-Key", WIDGET_KEY)
            .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01"));

        assertThat(response.statusCode()).isEqualTo(200);
        String traceparent = generation.takeRequest().header("traceparent");
        assertThat(traceparent).isNotNull().startsWith("00-" + traceId + "-");
        String forwardedParent = traceparent.split("-")[2];
        assertThat(forwardedParent).isNotEqualTo(clientSpanId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SpanData proxyCall = spans.find(traceId, forwardedParent).orElseThrow();
            assertThat(proxyCall.getKind()).isEqualTo(SpanKind.CLIENT);
            // Between them may sit internal spans (the security filter chain's observation, for one).
            SpanData server = spans.nearestAncestor(proxyCall, SpanKind.SERVER).orElseThrow();
            assertThat(server.getParentSpanId()).isEqualTo(clientSpanId);
        });
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    private HttpRequest.Builder chat(String body) {
        return request("/api/v1/chat").header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder upload() {
        return request("/api/v1/knowledge-bases/default/documents").header("Content-Type", "text/markdown")
            .POST(BodyPublishers.ofString("# Returns\n\nHow to return a parcel."));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private Jwt internalToken(FakeBackend.Recorded forwarded) {
        String authorization = forwarded.header("authorization");
        assertThat(authorization).as("forwarded Authorization").isNotNull().startsWith("Bearer ");
        return internalJwtDecoder.decode(authorization.substring("Bearer ".length()));
    }

    private void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo(PROBLEM + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(value);
        value[0] |= 1; // never the all-zero (invalid) id
        return HexFormat.of().formatHex(value);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SpanRecording {

        @Bean
        RecordedSpans recordedSpans() {
            return new RecordedSpans();
        }
    }

    /** Keeps every finished span in memory, so tests can check how they nest. */
    static final class RecordedSpans implements SpanProcessor {

        private final List<SpanData> ended = new CopyOnWriteArrayList<>();

        Optional<SpanData> find(String traceId, String spanId) {
            return ended.stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getSpanId().equals(spanId))
                .findFirst();
        }

        Optional<SpanData> nearestAncestor(SpanData span, SpanKind kind) {
            Optional<SpanData> parent = find(span.getTraceId(), span.getParentSpanId());
            while (parent.isPresent() && parent.get().getKind() != kind) {
                parent = find(span.getTraceId(), parent.get().getParentSpanId());
            }
            return parent;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span.toSpanData());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
