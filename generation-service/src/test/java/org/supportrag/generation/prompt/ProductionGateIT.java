package org.supportrag.generation.prompt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.eval.v1.EvalApi;
import org.supportrag.contracts.eval.v1.PromptGateStatus;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Labelling a prompt version production over real HTTP and PostgreSQL: generation asks the eval service (here an
 * HTTP server answering eval's contract with verdicts the test chose per version) and refuses, passes or records
 * an admin's override with its reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET)
@Import(PostgresTestConfiguration.class)
class ProductionGateIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Verdict per "tenant/name/version"; missing: status none. */
    private static final Map<String, PromptGateStatus> VERDICTS = new ConcurrentHashMap<>();
    private static final List<String> ASKED = new CopyOnWriteArrayList<>();
    private static final HttpServer EVAL = startEval();

    @DynamicPropertySource
    static void evalUrl(DynamicPropertyRegistry registry) {
        registry.add("rag.generation.prompt-gate.eval-url", () -> "http://127.0.0.1:" + EVAL.getAddress().getPort());
    }

    @AfterAll
    static void stopEval() {
        EVAL.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aVersionWithoutAGateRunIsRefusedNamingThatAndTheLabelStays() throws Exception {
        CallerIdentity admin = admin();
        int version = newVersion(admin);

        Response refused = promote(admin, version, null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("type").asString()).isEqualTo("urn:supportrag:problem:production-gate-missing");
        assertThat(refused.body().path("detail").asString()).contains("no gate run");
        assertThat(refused.body().path("gate").asString()).isEqualTo("none");
        assertThat(productionVersion(admin.tenantId())).isNull();
        // Asked as the caller's tenant, for the tenant-scoped version.
        assertThat(ASKED).contains(admin.tenantId() + " answer-system " + version + " tenant");
    }

    @Test
    void aVersionWhoseGateFailedIsRefusedNamingTheFailedMetric() throws Exception {
        CallerIdentity admin = admin();
        int version = newVersion(admin);
        VERDICTS.put(admin.tenantId() + "/answer-system/" + version, new PromptGateStatus("failed", UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), "faq v1", List.of("answer_correct"),
                "answer_correct: 1.000 -> 0.000, effect -1.000, p=0.0010, worse: a0 a1", null));

        Response refused = promote(admin, version, null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("type").asString()).isEqualTo("urn:supportrag:problem:production-gate-failed");
        assertThat(refused.body().path("detail").asString()).contains("answer_correct").contains("p=0.0010");
        assertThat(refused.body().path("failedMetrics").toString()).contains("answer_correct");
        assertThat(productionVersion(admin.tenantId())).isNull();
    }

    @Test
    void aVersionWithAPassingGateBecomesProductionAndTheVerdictIsAudited() throws Exception {
        CallerIdentity admin = admin();
        int version = newVersion(admin);
        UUID verdict = UUID.randomUUID();
        VERDICTS.put(admin.tenantId() + "/answer-system/" + version, new PromptGateStatus("passed", verdict,
                UUID.randomUUID(), UUID.randomUUID(), "faq v1", List.of(), null, null));

        Response moved = promote(admin, version, null);

        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        assertThat(productionVersion(admin.tenantId())).isEqualTo(version);
        JsonNode history = send("GET", "/api/v1/prompts/answer-system/labels/production/history?scope=tenant", admin,
                null).body().path("items");
        assertThat(history.get(0).path("gate").path("status").asString()).isEqualTo("passed");
        assertThat(history.get(0).path("gate").path("verdictId").asString()).isEqualTo(verdict.toString());
        assertThat(history.get(0).path("overrideReason").isNull()).isTrue();
    }

    @Test
    void anAdminMayOverrideAFailedGateWithAReasonWhichIsAudited() throws Exception {
        CallerIdentity admin = admin();
        int version = newVersion(admin);
        VERDICTS.put(admin.tenantId() + "/answer-system/" + version, new PromptGateStatus("failed", UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), "faq v1", List.of("faithfulness"), null, null));

        Response blankReason = promote(admin, version, "   ");
        Response overridden = promote(admin, version, "Legal asked for the new disclaimer today");

        assertThat(blankReason.status()).isEqualTo(400);
        assertThat(overridden.status()).as(overridden.body().toString()).isEqualTo(200);
        assertThat(productionVersion(admin.tenantId())).isEqualTo(version);
        JsonNode entry = send("GET", "/api/v1/prompts/answer-system/labels/production/history?scope=tenant", admin,
                null).body().path("items").get(0);
        assertThat(entry.path("overrideReason").asString()).isEqualTo("Legal asked for the new disclaimer today");
        assertThat(entry.path("gate").path("status").asString()).isEqualTo("failed");
        assertThat(entry.path("gate").path("failedMetrics").toString()).contains("faithfulness");
        assertThat(entry.path("changedBy").asString()).isEqualTo(admin.subject());
    }

    @Test
    void otherLabelsAreNotGated() throws Exception {
        CallerIdentity admin = admin();
        int version = newVersion(admin);
        int asked = ASKED.size();

        Response canary = send("PUT", "/api/v1/prompts/answer-system/labels/canary?scope=tenant", admin,
                "{\"version\": " + version + "}");

        assertThat(canary.status()).isEqualTo(200);
        assertThat(ASKED).hasSize(asked);
    }

    private int newVersion(CallerIdentity admin) throws Exception {
        Response created = send("POST", "/api/v1/prompts/answer-system/versions?scope=tenant", admin,
                "{\"body\": \"Answer from the excerpts and cite them like [1].\"}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("version").asInt();
    }

    private Response promote(CallerIdentity admin, int version, String reason) throws Exception {
        return send("PUT", "/api/v1/prompts/answer-system/labels/production?scope=tenant", admin,
                JSON.writeValueAsString(reason == null ? Map.of("version", version)
                        : Map.of("version", version, "overrideReason", reason)));
    }

    private Integer productionVersion(String tenant) {
        return jdbc.sql("""
                SELECT version FROM generation.prompt_labels
                 WHERE name = 'answer-system' AND tenant_id = ? AND label = 'production'""")
            .param(tenant)
            .query(Integer.class)
            .optional()
            .orElse(null);
    }

    private static CallerIdentity admin() {
        return new CallerIdentity("t-" + UUID.randomUUID(), "admin-" + UUID.randomUUID(), Set.of(Roles.ADMIN),
                Set.of(), null);
    }

    record Response(int status, String contentType, JsonNode body) {
    }

    private Response send(String method, String path, CallerIdentity caller, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + tokens.mint(caller))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    /**
     * Answers eval's prompt-gate contract. The tenant comes from the caller's internal token, as in eval-service
     * (read here from the token's claims without checking them: the real service verifies them).
     */
    private static HttpServer startEval() {
        String prefix = EvalApi.PROMPT_GATE.substring(0, EvalApi.PROMPT_GATE.indexOf("{name}"));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(prefix, exchange -> {
                String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                String tenant = authorization.startsWith("Bearer ") ? tenantOf(authorization.substring(7)) : "";
                String[] parts = exchange.getRequestURI().getPath().substring(prefix.length()).split("/");
                String name = parts[0];
                String version = parts[2];
                String scope = String.valueOf(exchange.getRequestURI().getQuery()).replace("scope=", "");
                ASKED.add(tenant + " " + name + " " + version + " " + scope);
                PromptGateStatus status = VERDICTS.getOrDefault(tenant + "/" + name + "/" + version,
                        PromptGateStatus.none());
                byte[] bytes = JSON.writeValueAsString(status).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(tenant.isEmpty() ? 401 : 200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String tenantOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return "";
        }
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        return claims.path("tenant").asString(claims.path("tid").asString(""));
    }
}
