package org.supportrag.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.gateway.apikeys.KeyHashes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default's limits (local profile, its demo tenant and keys, the configured defaults): a burst from the
 * demo widget meets 429, the admin key has a budget of its own, and a widget key without {@code Origin} is an
 * anonymous caller with a stricter limit. Period and limits are the real defaults; a schema of its own keeps the
 * buckets apart from other tests.
 */
// Own setup, not @GatewayIT: the local profile's demo tenant in a schema of its own, and the real default limits,
// which @GatewayIT's shared properties (AdminApiFixture.PROPERTIES, above application.yml) would replace.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "spring.flyway.schemas=" + DemoTenantRateLimitIT.SCHEMA,
                "spring.flyway.default-schema=" + DemoTenantRateLimitIT.SCHEMA })
@ActiveProfiles("local")
@Import(PostgresTestConfiguration.class)
class DemoTenantRateLimitIT {

    static final String SCHEMA = "gateway_demo_limits_it";
    static final String DEMO_ORIGIN = "http://localhost:8080";

    static final FakeBackend generation = FakeBackend.start();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("rag.gateway.generation-url", generation::url);
    }

    @AfterAll
    static void stopBackend() {
        generation.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aBurstFromTheDemoWidgetMeets429WithRetryAfterWhileTheAdminKeyKeepsItsOwnBudget() throws Exception {
        // The schema outlives a run: start from full buckets.
        jdbc.sql("DELETE FROM rate_limit_buckets WHERE id LIKE '%:demo:%'").update();
        Burst burst = untilLimited(400, "demo-widget-key", DEMO_ORIGIN);

        // The address limit (120 a minute) bites first; a request or two may come back during the burst.
        assertThat(burst.allowed()).isBetween(120, 130);
        HttpResponse<String> limited = burst.limited();
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(limited.body());
        assertThat(problem.path("type").asString()).isEqualTo(RateLimitIT.RATE_LIMITED);
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);

        HttpResponse<String> admin = send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/admin/tenants/demo/limits"))
            .header("X-Api-Key", "demo-admin-key")
            .GET());
        assertThat(admin.statusCode()).as("the admin key from the same address").isEqualTo(200);
        assertThat(admin.headers().firstValue("RateLimit-Limit")).as("the admin key's own budget").hasValue("1200");
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(rateLimitRows("apikey:demo:%:1200/60")).as("stored like every bucket").isOne());
    }

    @Test
    void holdsAWidgetKeyWithoutOriginToTheStricterAnonymousLimit() throws Exception {
        String tenant = "anon-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, 'Anonymous limit test')").param("id", tenant).update();
        String key = "wk-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO widget_keys (key_hash, tenant_id, allowed_origins) VALUES (:hash, :tenant, :origins)")
            .param("hash", KeyHashes.sha256Hex(key))
            .param("tenant", tenant)
            .param("origins", new String[] { DEMO_ORIGIN })
            .update();

        Burst burst = untilLimited(100, key, null);

        // 30 a minute: one comes back every two seconds, so a slow burst (a loaded machine) may see a few more.
        assertThat(burst.allowed()).as("requests without Origin before the first 429").isBetween(30, 34);
        HttpResponse<String> anonymous = burst.limited();
        assertThat(anonymous.headers().firstValue("RateLimit-Limit")).hasValue("30");
        assertThat(anonymous.headers().firstValue("Retry-After")).isPresent();
        assertThat(json.readTree(anonymous.body()).path("type").asString()).isEqualTo(RateLimitIT.RATE_LIMITED);
        HttpResponse<String> fromTheSite = chat(key, DEMO_ORIGIN);
        assertThat(fromTheSite.statusCode()).as("the same key from its own site, same address").isEqualTo(200);
        assertThat(fromTheSite.headers().firstValue("RateLimit-Limit")).hasValue("120");
        assertThat(chat(key, "https://elsewhere.example").statusCode()).as("a foreign origin").isEqualTo(403);
    }

    /** The 200s before the first 429 of a burst from one key and this address, and that 429. */
    record Burst(int allowed, HttpResponse<String> limited) {
    }

    private Burst untilLimited(int requests, String widgetKey, @Nullable String origin) throws Exception {
        for (int allowed = 0; allowed < requests; allowed++) {
            HttpResponse<String> response = chat(widgetKey, origin);
            if (response.statusCode() == 429) {
                return new Burst(allowed, response);
            }
            assertThat(response.statusCode()).isEqualTo(200);
        }
        throw new AssertionError("a burst of " + requests + " from one key and one address met no 429");
    }

    private long rateLimitRows(String idPattern) {
        return jdbc.sql("SELECT count(*) FROM rate_limit_buckets WHERE id LIKE :pattern")
            .param("pattern", idPattern)
            .query(Long.class)
            .single();
    }

    private HttpResponse<String> chat(String widgetKey, @Nullable String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/chat"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", widgetKey)
            .POST(BodyPublishers.ofString("{\"message\":\"Where is my parcel?\"}"));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
    }
}
