package org.supportrag.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.defaults.testsupport.TerminatedConnections;
import org.supportrag.gateway.apikeys.KeyHashes;
import org.supportrag.gateway.testing.GatewayIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's own lookups meeting connections PostgreSQL has just terminated, as during a restart
 * ({@code bin/faults postgres-restart}): each is read again, and the request is never answered 503 for it. Every
 * limit is small, so each request reads each of its buckets from the store (no local batching), and the tenant's
 * limits stay cached, so the buckets are the first thing a chat request reads after the termination.
 */
@GatewayIT
@TestPropertySource(properties = { "rag.gateway.rate-limits.overrides-cache-ttl=1h",
        "rag.gateway.rate-limits.widget-key=50", "rag.gateway.rate-limits.tenant=50",
        "rag.gateway.rate-limits.client-ip=50", "rag.gateway.rate-limits.anonymous=50",
        "rag.gateway.rate-limits.end-user=50" })
class PostgresRestartIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseRetry databaseRetry;

    final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    @Test
    void aLimitCheckWhoseConnectionWasTerminatedIsCheckedAgainInsteadOfAnswered503() throws Exception {
        // Bucket4j reads a bucket with SELECT ... FOR UPDATE; on a terminated backend it rolls back on the connection
        // the pool has just closed and throws that rollback's "Connection is closed" instead of the 57P01.
        String widgetKey = widgetKeyOfANewTenant();
        assertThat(chat(widgetKey).statusCode()).isEqualTo(200);
        long retriedBefore = retried();

        for (int attempt = 0; attempt < 5 && retried() == retriedBefore; attempt++) {
            TerminatedConnections.terminateEveryIdleConnection(dataSource);
            HttpResponse<String> response = chat(widgetKey);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        assertThat(retried()).as("a limit check met a terminated connection and was run again")
            .isGreaterThan(retriedBefore);
    }

    @Test
    void aWidgetPreflightWhoseOriginLookupMeetsATerminatedConnectionIsAnsweredInsteadOf503() throws Exception {
        // A browser's first preflight from a shop's origin is a cache miss: the lookup reads widget_keys.
        long retriedBefore = retried();

        for (int attempt = 0; attempt < 5 && retried() == retriedBefore; attempt++) {
            String origin = "https://shop-" + UUID.randomUUID() + ".example";
            widgetKeyOfANewTenant(origin);
            TerminatedConnections.terminateEveryIdleConnection(dataSource);
            HttpResponse<String> response = preflight(origin);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
        }

        assertThat(retried()).as("an origin lookup met a terminated connection and was run again")
            .isGreaterThan(retriedBefore);
    }

    private long retried() {
        return databaseRetry.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt();
    }

    private String widgetKeyOfANewTenant(String... allowedOrigins) {
        String tenant = "pg-restart-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, 'Restart test')").param("id", tenant).update();
        String key = "wk-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO widget_keys (key_hash, tenant_id, allowed_origins) VALUES (:hash, :tenant, :origins)")
            .param("hash", KeyHashes.sha256Hex(key))
            .param("tenant", tenant)
            .param("origins", allowedOrigins)
            .update();
        return key;
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(20))
            .method("OPTIONS", BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-api-key")
            .build();
        return http.send(request, BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String widgetKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", widgetKey)
            .POST(BodyPublishers.ofString("{\"message\":\"Where is my parcel?\"}"))
            .build();
        return http.send(request, BodyHandlers.ofString());
    }
}
