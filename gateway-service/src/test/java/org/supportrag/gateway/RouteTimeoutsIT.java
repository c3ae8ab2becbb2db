package org.supportrag.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/** Ordinary routes must start answering within the response timeout; chat gets the longer streaming one. */
// Own setup, not @GatewayIT: the local profile and route timeouts of its own.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "rag.gateway.response-timeout=700ms", "rag.gateway.streaming-response-timeout=20s" })
@ActiveProfiles("local")
@Import(PostgresTestConfiguration.class)
class RouteTimeoutsIT {

    static final FakeBackend generation = FakeBackend.start();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("rag.gateway.generation-url", generation::url);
    }

    @AfterAll
    static void stop() {
        generation.close();
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anOrdinaryRouteTimesOutWithAProblemWhileChatMayTakeLonger() throws Exception {
        HttpResponse<String> prompts = http.send(request("/api/v1/prompts").header("X-Api-Key", "demo-admin-key")
            .header(FakeBackend.DELAY_HEADER, "2500")
            .GET()
            .build(), BodyHandlers.ofString());
        HttpResponse<String> chat = http.send(request("/api/v1/chat").header("X-Api-Key", "demo-widget-key")
            .header(FakeBackend.DELAY_HEADER, "2500")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"message\":\"hi\"}"))
            .build(), BodyHandlers.ofString());

        assertThat(prompts.statusCode()).isEqualTo(504);
        assertThat(prompts.body()).contains("urn:supportrag:problem:upstream-timeout");
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.body()).contains("from backend");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    }
}
