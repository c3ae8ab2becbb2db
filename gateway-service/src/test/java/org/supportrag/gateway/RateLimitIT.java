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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.gateway.apikeys.KeyHashes;
import org.supportrag.gateway.ratelimit.RateLimitDecision;
import org.supportrag.gateway.ratelimit.RateLimitRequest;
import org.supportrag.gateway.ratelimit.RateLimiter;
import org.supportrag.gateway.testing.GatewayIT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits against real PostgreSQL, through real HTTP. Every test uses tenants of its own, with limits set in
 * {@code tenant_rate_limits}; the hour-long period keeps buckets from refilling during a test. A schema and default
 * limits of its own (its properties win over the shared ones), counted exactly; the backend is the shared one.
 */
@GatewayIT
@TestPropertySource(properties = { "spring.flyway.schemas=" + RateLimitIT.SCHEMA,
        "spring.flyway.default-schema=" + RateLimitIT.SCHEMA, "rag.gateway.rate-limits.period=" + RateLimitIT.PERIOD,
        "rag.gateway.rate-limits.overrides-cache-ttl=200ms", "rag.gateway.rate-limits.widget-key=50",
        "rag.gateway.rate-limits.tenant=1000", "rag.gateway.rate-limits.client-ip=100",
        "rag.gateway.rate-limits.end-user=100",
        // Requests here carry no Origin: the anonymous limit is DemoTenantRateLimitIT's subject.
        "rag.gateway.rate-limits.anonymous=100000" })
class RateLimitIT {

    /** A schema of its own: the shared test database's gateway schema holds GatewayIT's local-profile migrations. */
    static final String SCHEMA = "gateway_rate_limit_it";
    static final String PERIOD = "1h";
    static final String RATE_LIMITED = "urn:supportrag:problem:rate-limited";

    static final FakeBackend generation = SharedBackends.GENERATION;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcConnectionDetails database;

    @Autowired
    RateLimiter rateLimiter;

    final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void answersABurstOverTheWidgetKeyLimitWith429AndRateLimitHeaders() throws Exception {
        Tenant tenant = tenant("widget_key", 3);

        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> allowed = chat(port, tenant.widgetKey());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(remaining));
            assertThat(allowed.headers().firstValue("Retry-After")).isEmpty();
        }
        generation.reset();

        HttpResponse<String> limited = chat(port, tenant.widgetKey());

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(limited.body());
        assertThat(problem.path("type").asString()).isEqualTo(RATE_LIMITED);
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        // One request comes back every hour / 3.
        assertThat(retryAfter).isBetween(1L, 1200L);
        assertThat(limited.headers().firstValue("RateLimit-Limit")).hasValue("3");
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(Long.parseLong(limited.headers().firstValue("RateLimit-Reset").orElseThrow()))
            .isGreaterThanOrEqualTo(retryAfter);
        assertThat(generation.receivedNothing()).as("a limited request is not proxied").isTrue();
    }

    @Test
    void keepsItsBucketsInAnUnloggedTableSoATakenTokenCommitsWithoutAWalFlush() {
        // Bucket state is a counter on every chat request's way to its first token; a crash may reset it (full
        // buckets), a clean restart keeps it.
        assertThat(jdbc.sql("SELECT relpersistence FROM pg_class WHERE oid = CAST(:table AS regclass)")
            .param("table", SCHEMA + ".rate_limit_buckets")
            .query(String.class)
            .single()).isEqualTo("u");
    }

    @Test
    void holdsALimitAcrossTwoGatewaysSharingTheDatabase() throws Exception {
        Tenant tenant = tenant("widget_key", 6);
        try (ConfigurableApplicationContext second = startSecondGateway()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));

            for (int i = 0; i < 3; i++) {
                assertThat(chat(port, tenant.widgetKey()).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> firstOnSecond = chat(secondPort, tenant.widgetKey());
            assertThat(firstOnSecond.statusCode()).isEqualTo(200);
            assertThat(firstOnSecond.headers().firstValue("RateLimit-Remaining")).as("counts the first gateway's requests")
                .hasValue("2");
            for (int i = 0; i < 2; i++) {
                assertThat(chat(secondPort, tenant.widgetKey()).statusCode()).isEqualTo(200);
            }

            assertThat(chat(secondPort, tenant.widgetKey()).statusCode()).isEqualTo(429);
            assertThat(chat(port, tenant.widgetKey()).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void keepsALargeLimitWithinItsUnsyncedShareAcrossTwoGatewaysThatBatchTheirWrites() throws Exception {
        // 1000 per period: each replica may take up to 1% (10) locally between writes to the shared store.
        Tenant tenant = tenant("end_user", 1000);
        jdbc.sql("UPDATE tenant_rate_limits SET client_ip = 100000, tenant = 100000 WHERE tenant_id = :id")
            .param("id", tenant.id())
            .update();
        try (ConfigurableApplicationContext second = startSecondGateway()) {
            RateLimiter other = second.getBean(RateLimiter.class);
            int allowed = 0;
            for (int i = 0; i < 1200; i++) {
                RateLimiter replica = i % 2 == 0 ? rateLimiter : other;
                if (replica.check(new RateLimitRequest(tenant.id(), null, "192.0.2.7", "dave")).orElseThrow().allowed()) {
                    allowed++;
                }
            }
            assertThat(allowed).as("requests admitted by both replicas together").isBetween(1000 - 20, 1000 + 2 * 10);
        }
    }

    @Test
    void appliesAChangedTenantOverrideWithoutARestart() throws Exception {
        Tenant tenant = tenant("tenant", 2);
        assertThat(chat(port, tenant.widgetKey()).statusCode()).isEqualTo(200);
        assertThat(chat(port, tenant.widgetKey()).statusCode()).isEqualTo(200);
        assertThat(chat(port, tenant.widgetKey()).statusCode()).isEqualTo(429);

        jdbc.sql("UPDATE tenant_rate_limits SET tenant = 5, updated_at = now() WHERE tenant_id = :tenant")
            .param("tenant", tenant.id())
            .update();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> response = chat(port, tenant.widgetKey());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("5");
        });
    }

    @Test
    void leavesOtherTenantsUnaffectedByAnExhaustedLimit() throws Exception {
        Tenant exhausted = tenant("widget_key", 1);
        Tenant other = tenant(null, 0);
        assertThat(chat(port, exhausted.widgetKey()).statusCode()).isEqualTo(200);
        assertThat(chat(port, exhausted.widgetKey()).statusCode()).isEqualTo(429);

        HttpResponse<String> response = chat(port, other.widgetKey());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("RateLimit-Limit")).as("the default widget key limit").hasValue("50");
        assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("49");
    }

    @Test
    void limitsEachClientIpAddress() throws Exception {
        Tenant tenant = tenant("client_ip", 1);
        String secondKey = addWidgetKey(tenant.id());

        assertThat(chat(port, tenant.widgetKey()).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = chat(port, secondKey);

        assertThat(limited.statusCode()).as("another key from the same address").isEqualTo(429);
        assertThat(limited.headers().firstValue("RateLimit-Limit")).hasValue("1");
    }

    @Test
    void limitsEachSignedEndUserSeparately() {
        Tenant tenant = tenant("end_user", 2);

        assertThat(endUserRequest(tenant, "alice").allowed()).isTrue();
        assertThat(endUserRequest(tenant, "alice").allowed()).isTrue();
        RateLimitDecision third = endUserRequest(tenant, "alice");
        assertThat(third.allowed()).isFalse();
        assertThat(third.limit()).isEqualTo(2);
        assertThat(endUserRequest(tenant, "bob").allowed()).isTrue();
    }

    @Test
    void storesNoEndUserIdentityInTheBucketTable() {
        Tenant tenant = tenant("end_user", 2);
        endUserRequest(tenant, "carol@example.com");

        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_buckets WHERE id LIKE :pattern")
            .param("pattern", "%carol%")
            .query(Long.class)
            .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_buckets WHERE id LIKE :pattern")
            .param("pattern", "user:" + tenant.id() + ":%")
            .query(Long.class)
            .single()).isEqualTo(1);
    }

    private RateLimitDecision endUserRequest(Tenant tenant, String endUser) {
        return rateLimiter.check(new RateLimitRequest(tenant.id(), null, "192.0.2.1", endUser)).orElseThrow();
    }

    record Tenant(String id, String widgetKey) {
    }

    /** A new tenant with one widget key and, unless {@code column} is null, that one limit overridden. */
    private Tenant tenant(@Nullable String column, int limit) {
        String id = "rl-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, 'Rate limit test')").param("id", id).update();
        if (column != null) {
            jdbc.sql("INSERT INTO tenant_rate_limits (tenant_id, " + column + ") VALUES (:id, :limit)")
                .param("id", id)
                .param("limit", limit)
                .update();
        }
        return new Tenant(id, addWidgetKey(id));
    }

    private String addWidgetKey(String tenantId) {
        String key = "wk-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO widget_keys (key_hash, tenant_id) VALUES (:hash, :tenant)")
            .param("hash", KeyHashes.sha256Hex(key))
            .param("tenant", tenantId)
            .update();
        return key;
    }

    private HttpResponse<String> chat(int gatewayPort, String widgetKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", widgetKey)
            .POST(BodyPublishers.ofString("{\"message\":\"Where is my parcel?\"}"))
            .build();
        return http.send(request, BodyHandlers.ofString());
    }

    /** Another gateway replica on the same database, as in a deployment with two instances. */
    private ConfigurableApplicationContext startSecondGateway() {
        return new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--spring.flyway.schemas=" + SCHEMA,
                "--spring.flyway.default-schema=" + SCHEMA, "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + (database.getPassword() == null ? "" : database.getPassword()),
                "--rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "--rag.gateway.generation-url=" + generation.url(), "--rag.gateway.rate-limits.period=" + PERIOD,
                "--rag.gateway.rate-limits.widget-key=50", "--rag.gateway.rate-limits.tenant=1000",
                "--rag.gateway.rate-limits.client-ip=100", "--rag.gateway.rate-limits.end-user=100",
                "--rag.gateway.rate-limits.anonymous=100000");
    }
}
