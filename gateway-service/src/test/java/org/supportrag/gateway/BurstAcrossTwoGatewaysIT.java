package org.supportrag.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.gateway.apikeys.KeyHashes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate-limit goal of docs/benchmarks.md: a concurrent burst of ten times the widget-key limit (the real default,
 * 600) from one key, spread over two gateway replicas sharing PostgreSQL, admits the limit within 5%, answers every
 * other request 429 with {@code Retry-After}, and never 5xx. The hour-long period keeps the bucket from refilling
 * noticeably during the burst (a one-minute period would hand back ten requests a second).
 */
// Own setup, not @GatewayIT: a second gateway process shares its own schema.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "spring.flyway.schemas=" + BurstAcrossTwoGatewaysIT.SCHEMA,
                "spring.flyway.default-schema=" + BurstAcrossTwoGatewaysIT.SCHEMA,
                "rag.gateway.rate-limits.period=" + BurstAcrossTwoGatewaysIT.PERIOD })
@Import(PostgresTestConfiguration.class)
class BurstAcrossTwoGatewaysIT {

    static final String SCHEMA = "gateway_burst_it";
    static final String PERIOD = "1h";
    /** The default widget-key limit; the burst is ten times that. */
    static final int LIMIT = 600;
    static final int BURST = 10 * LIMIT;
    static final int CONCURRENCY = 32;
    static final String SITE = "https://shop.example";

    private static final Logger log = LoggerFactory.getLogger(BurstAcrossTwoGatewaysIT.class);

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

    @Autowired
    JdbcConnectionDetails database;

    final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    @Test
    void aBurstOfTenTimesTheWidgetKeyLimitOverTwoGatewaysAdmitsTheLimitWithinFivePercentAndNever5xx()
            throws Exception {
        String tenant = "burst-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, 'Burst test')").param("id", tenant).update();
        // Only the widget-key limit binds: one test client is one address, which would otherwise bite first.
        jdbc.sql("INSERT INTO tenant_rate_limits (tenant_id, client_ip, tenant) VALUES (:id, 1000000, 1000000)")
            .param("id", tenant)
            .update();
        String key = "wk-" + UUID.randomUUID();
        // A browser widget on the tenant's site: with its Origin, not the anonymous server-side limit.
        jdbc.sql("INSERT INTO widget_keys (key_hash, tenant_id, allowed_origins) VALUES (:hash, :tenant, :origins)")
            .param("hash", KeyHashes.sha256Hex(key))
            .param("tenant", tenant)
            .param("origins", new String[] { SITE })
            .update();

        try (ConfigurableApplicationContext second = startSecondGateway()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getRequiredProperty("local.server.port"));
            generation.reset();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger limitedWithoutRetryAfter = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            long started = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    int gateway = i % 2 == 0 ? port : secondPort;
                    sent.add(pool.submit(() -> {
                        try {
                            HttpResponse<String> response = chat(gateway, key);
                            statuses.computeIfAbsent(response.statusCode(), status -> new AtomicInteger())
                                .incrementAndGet();
                            if (response.statusCode() == 429
                                    && response.headers().firstValue("Retry-After").isEmpty()) {
                                limitedWithoutRetryAfter.incrementAndGet();
                            }
                        }
                        catch (Exception ex) {
                            failed.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> request : sent) {
                    request.get();
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            int admitted = count(statuses, 200);
            log.info("Burst of {} over two gateways in {} ms: {} admitted, statuses {}", BURST, took.toMillis(),
                    admitted, statuses);

            assertThat(failed).as("requests that got no response").hasValue(0);
            assertThat(statuses.keySet()).as("statuses seen").containsOnly(200, 429);
            assertThat(admitted).as("admitted by both gateways together").isBetween((int) (LIMIT * 0.95),
                    (int) (LIMIT * 1.05));
            assertThat(count(statuses, 429)).isEqualTo(BURST - admitted);
            assertThat(limitedWithoutRetryAfter).as("429s without Retry-After").hasValue(0);
            assertThat(generation.received()).as("only admitted requests are proxied").isEqualTo(admitted);
        }
    }

    private static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger counted = statuses.get(status);
        return counted == null ? 0 : counted.get();
    }

    private HttpResponse<String> chat(int gatewayPort, String widgetKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", widgetKey)
            .header("Origin", SITE)
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
                "--rag.gateway.generation-url=" + generation.url(), "--rag.gateway.rate-limits.period=" + PERIOD);
    }
}
