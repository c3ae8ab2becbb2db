package org.supportrag.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.supportrag.gateway.testing.GatewayIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the local profile the demo tenant and its keys must not exist. {@code @GatewayIT} runs no profile, in the
 * admin-API schema the local profile never migrates (the shared database's {@code gateway} schema holds the demo
 * data of the local-profile tests).
 */
@GatewayIT
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
