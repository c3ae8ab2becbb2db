package org.supportrag.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the local profile the demo tenant and its keys must not exist. Runs in a schema of its own, since the
 * shared test database's {@code gateway} schema holds the demo data of {@link GatewayIT}.
 */
// Own setup, not @GatewayIT: it tests the default profile itself.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "spring.flyway.schemas=gateway_default_profile_it",
                "spring.flyway.default-schema=gateway_default_profile_it" })
@Import(PostgresTestConfiguration.class)
class DefaultProfileIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void hasNoDemoTenantOrDemoKeys() throws Exception {
        assertThat(jdbc.sql("SELECT count(*) FROM tenants WHERE id = 'demo'").query(Long.class).single()).isZero();
        assertThat(post("/api/v1/chat", "demo-widget-key").statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/knowledge-bases/default/documents", "demo-admin-key").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> post(String path, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("X-Api-Key", key)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"message\":\"Hi\"}"))
            .build();
        return http.send(request, BodyHandlers.ofString());
    }
}
