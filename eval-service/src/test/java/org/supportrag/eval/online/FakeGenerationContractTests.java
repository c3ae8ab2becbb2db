package org.supportrag.eval.online;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.supportrag.defaults.testsupport.ProducerContract;
import org.supportrag.eval.generation.LoggedTurn;

/** The fake generation eval's tests read from answers only what generation's committed OpenAPI document allows. */
class FakeGenerationContractTests {

    static final ProducerContract GENERATION = ProducerContract.of("generation");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final UUID CONVERSATION = UUID.randomUUID();
    static final LoggedTurn TURN = FakeGeneration.turn(CONVERSATION, "default", Instant.parse("2026-01-10T10:00:00Z"),
            "How do I get a refund?", "Within 30 days [1].", 0.8, 0.7, false, List.of(), "production", 0.001);
    static final FakeGeneration FAKE = new FakeGeneration().add("acme", TURN)
        .conversation(CONVERSATION, List.of(Map.of("messageId", TURN.messageId(), "role", "assistant", "content",
                "Within 30 days [1].")));

    @AfterAll
    static void stop() {
        FAKE.close();
    }

    @Test
    void interactionLogPageIsOneGenerationDocuments() throws Exception {
        assertDocumented("/api/v1/interaction-log?since=2026-01-01T00:00:00Z&until=2026-02-01T00:00:00Z&limit=500");
    }

    @Test
    void aSampledInteractionLogPageIsOneGenerationDocuments() throws Exception {
        assertDocumented("/api/v1/interaction-log?since=2026-01-01T00:00:00Z&until=2026-02-01T00:00:00Z&limit=500"
                + "&sample=online&rate=0.1");
    }

    @Test
    void loggedTurnIsOneGenerationDocuments() throws Exception {
        assertDocumented("/api/v1/interaction-log/" + TURN.messageId());
    }

    @Test
    void tenantListIsOneGenerationDocuments() throws Exception {
        assertDocumented("/api/v1/interaction-log/tenants?since=2026-01-01T00:00:00Z");
    }

    @Test
    void conversationIsOneGenerationDocuments() throws Exception {
        assertDocumented("/api/v1/conversations/" + CONVERSATION);
    }

    private static void assertDocumented(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(FAKE.url() + pathAndQuery))
            .header("Authorization", "Bearer " + token("acme"))
            .GET()
            .build(), HttpResponse.BodyHandlers.ofString());
        GENERATION.assertDocuments("GET", pathAndQuery, null, response.statusCode(), response.body());
    }

    /** The fake reads only the tenant claim; the signature is generation's business, not the fake's. */
    private static String token(String tenant) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"tenant\":\"" + tenant + "\"}").getBytes(StandardCharsets.UTF_8)) + ".x";
    }
}
