package org.supportrag.generation.prompt;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.eval.v1.PromptGateStatus;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.testing.FakePromptGate;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.Stubs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Labelling a prompt version production over real HTTP and PostgreSQL: generation asks the eval service (here
 * {@link Stubs#PROMPT_GATE}, answering eval's contract with verdicts the test chose per version) and refuses, passes
 * or records an admin's override with its reason.
 */
@GenerationIT
class ProductionGateIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FakePromptGate EVAL = Stubs.PROMPT_GATE;

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
        assertThat(EVAL.asked()).contains(admin.tenantId() + " answer-system " + version + " tenant");
    }

    @Test
    void aVersionWhoseGateFailedIsRefusedNamingTheFailedMetric() throws Exception {
        CallerIdentity admin = admin();
        int version = newVersion(admin);
        EVAL.verdict(admin.tenantId(), "answer-system", version, new PromptGateStatus("failed", UUID.randomUUID(),
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
        EVAL.verdict(admin.tenantId(), "answer-system", version, new PromptGateStatus("passed", verdict,
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
        EVAL.verdict(admin.tenantId(), "answer-system", version, new PromptGateStatus("failed", UUID.randomUUID(),
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
        int asked = EVAL.asked().size();

        Response canary = send("PUT", "/api/v1/prompts/answer-system/labels/canary?scope=tenant", admin,
                "{\"version\": " + version + "}");

        assertThat(canary.status()).isEqualTo(200);
        assertThat(EVAL.asked()).hasSize(asked);
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
}
