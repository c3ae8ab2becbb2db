package org.supportrag.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.gateway.apikeys.KeyHashes;

/**
 * Tenants and keys inserted straight into the database, and real HTTP calls to a gateway, for the admin API tests.
 * Every tenant is new (random id), so tests sharing a schema never see each other's keys or events.
 */
final class AdminApiFixture {

    /** A schema of its own: the shared test database's gateway schema holds GatewayIT's local-profile migrations. */
    static final String SCHEMA = "gateway_admin_api_it";
    static final String PROBLEM = "urn:supportrag:problem:";

    /** Keeps the rate limits (enforced on admin keys too) out of the way of these tests. */
    static final String[] PROPERTIES = { "spring.flyway.schemas=" + SCHEMA, "spring.flyway.default-schema=" + SCHEMA,
            "rag.gateway.rate-limits.period=1h", "rag.gateway.rate-limits.overrides-cache-ttl=100ms",
            "rag.gateway.rate-limits.widget-key=100000", "rag.gateway.rate-limits.tenant=100000",
            "rag.gateway.rate-limits.client-ip=100000", "rag.gateway.rate-limits.end-user=100000" };

    record Tenant(String id, String adminKey) {
    }

    private final JdbcClient jdbc;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    final JsonMapper json = JsonMapper.builder().build();

    AdminApiFixture(JdbcClient jdbc, int port) {
        this.jdbc = jdbc;
        this.port = port;
    }

    /** A new tenant with one bootstrap key holding only the admin role. */
    Tenant tenant() {
        String id = "admin-it-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, 'Admin API test')").param("id", id).update();
        return new Tenant(id, addApiKey(id, "admin"));
    }

    String addApiKey(String tenantId, String... roles) {
        String key = "bootstrap-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO api_keys (key_hash, tenant_id, name, roles) VALUES (:hash, :tenant, 'Bootstrap', :roles)")
            .param("hash", KeyHashes.sha256Hex(key))
            .param("tenant", tenantId)
            .param("roles", roles)
            .update();
        return key;
    }

    String addWidgetKey(String tenantId) {
        String key = "widget-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO widget_keys (key_hash, tenant_id) VALUES (:hash, :tenant)")
            .param("hash", KeyHashes.sha256Hex(key))
            .param("tenant", tenantId)
            .update();
        return key;
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        return send(request(path, key).GET());
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        return send(request(path, key).header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
    }

    HttpResponse<String> delete(String path, String key) throws Exception {
        return send(request(path, key).DELETE());
    }

    /** An empty key sends no credentials. */
    HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json");
        return key.isEmpty() ? request : request.header("Authorization", "Bearer " + key);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** Creates a key through the API and returns the 201 body. */
    JsonNode createKey(Tenant tenant, String name, String rolesJson) throws Exception {
        HttpResponse<String> response = post("/api/v1/admin/api-keys", tenant.adminKey(),
                "{\"name\":\"" + name + "\",\"roles\":" + rolesJson + "}");
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
