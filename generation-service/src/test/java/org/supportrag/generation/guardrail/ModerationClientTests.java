package org.supportrag.generation.guardrail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.testsupport.TestRemoteCalls;

import static org.assertj.core.api.Assertions.assertThat;

/** The external moderation hook against a moderation-compatible server over real HTTP. */
class ModerationClientTests {

    HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile String answer = "{\"results\":[{\"flagged\":false}]}";
    volatile int status = 200;
    volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/moderations", this::moderate);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void moderate(HttpExchange exchange) throws IOException {
        try (exchange) {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    ModerationClient client(boolean enabled, boolean failClosed) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/moderations");
        return new ModerationClient(RestClient.builder(), new GuardrailProperties.Moderation(enabled, url, "sk-mod",
                "omni-moderation-latest", Duration.ofMillis(500), failClosed), TestRemoteCalls.create());
    }

    @Test
    void isOffByDefaultAndThenCallsNothing() {
        ModerationClient off = client(false, false);

        assertThat(off.enabled()).isFalse();
        assertThat(off.check("anything")).isEqualTo(ModerationClient.Result.ALLOWED);
        assertThat(bodies).isEmpty();
    }

    @Test
    void sendsTheTextAndReportsTheVerdict() {
        ModerationClient moderation = client(true, false);

        assertThat(moderation.check("How do I reset my password?")).isEqualTo(ModerationClient.Result.ALLOWED);
        answer = "{\"results\":[{\"flagged\":true,\"categories\":{\"harassment\":true}}]}";
        assertThat(moderation.check("something nasty")).isEqualTo(ModerationClient.Result.FLAGGED);

        assertThat(bodies.getFirst()).contains("\"input\":\"How do I reset my password?\"")
            .contains("\"model\":\"omni-moderation-latest\"");
        assertThat(authorizations.getFirst()).isEqualTo("Bearer sk-mod");
    }

    @Test
    void reportsFailuresAndTimeoutsAsUnavailableForTheFailOpenOrClosedChoice() {
        ModerationClient moderation = client(true, true);

        status = 500;
        assertThat(moderation.check("hello")).isEqualTo(ModerationClient.Result.UNAVAILABLE);
        status = 200;
        delayMillis = 2000;
        assertThat(moderation.check("hello")).isEqualTo(ModerationClient.Result.UNAVAILABLE);
        delayMillis = 0;
        answer = "{\"unexpected\":true}";
        assertThat(moderation.check("hello")).isEqualTo(ModerationClient.Result.UNAVAILABLE);
        assertThat(moderation.failClosed()).isTrue();
    }
}
