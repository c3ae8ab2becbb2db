package org.supportrag.eval.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestHttp;
import org.supportrag.eval.online.FakeGeneration;
import org.supportrag.eval.testing.EvalClient;
import org.supportrag.eval.testing.EvalIT;
import org.supportrag.eval.testing.Peers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample of answered, not escalated turns goes to the review queue; agents label them through the label API,
 * which moves them out of the open queue, measures precision and makes them dataset candidates.
 */
@EvalIT
class ReviewQueueIT {

    static final FakeGeneration generation = Peers.GENERATION;

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    EvalClient api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        api = EvalClient.newTenant(port, tokens);
    }

    @Test
    void samplesAnsweredTurnsForAgentsAndTheirLabelsMeasurePrecision() {
        Instant now = Instant.now();
        for (int i = 0; i < 60; i++) {
            generation.add(api.tenant(), FakeGeneration.turn(UUID.randomUUID(), "help", now.minusSeconds(300 - i),
                    "Question " + i, "Answer " + i, 0.8, 0.7, i % 4 == 0, List.of(), "production", 0.001));
        }
        String admin = api.token("admin", Roles.ADMIN);
        int added = json.readTree(api.post(admin, "/api/v1/eval/review-queue/sample", null).getBody()).get("added")
            .intValue();
        // 45 answered turns at a rate of 0.5; the 15 escalated ones never.
        assertThat(added).isBetween(12, 33);
        assertThat(generation.sampledPages()).as("generation was asked for the sample only").isPositive();
        assertThat(json.readTree(api.post(admin, "/api/v1/eval/review-queue/sample", null).getBody()).get("added")
            .intValue()).isZero();

        String agent = api.token("agent@demo.local", Roles.AGENT);
        JsonNode open = queue(agent, "open");
        assertThat(open.get("items").size()).isEqualTo(added);
        for (JsonNode item : open.get("items")) {
            int index = Integer.parseInt(item.get("question").stringValue().substring("Question ".length()));
            assertThat(index % 4).as("escalated turns are not sampled").isNotZero();
        }
        JsonNode first = open.get("items").get(0);
        JsonNode second = open.get("items").get(1);
        label(agent, first, "correct");
        label(agent, second, "incorrect");

        assertThat(queue(agent, "open").get("items").size()).isEqualTo(added - 2);
        JsonNode labelled = queue(agent, "labelled");
        assertThat(labelled.get("items").size()).isEqualTo(2);
        assertThat(labelled.get("summary").get("precision").doubleValue()).isEqualTo(0.5);
        assertThat(labelled.get("summary").get("sampled").intValue()).isEqualTo(added);
    }

    @Test
    void badQueriesAreProblemsAndCustomersAreTurnedAway() {
        ResponseEntity<String> bad = api.get(api.token("agent", Roles.AGENT), "/api/v1/eval/review-queue?status=x");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("urn:supportrag:problem:invalid-status");
        assertThat(api.get(api.token("c", Roles.CUSTOMER), "/api/v1/eval/review-queue").getStatusCode().value())
            .isEqualTo(403);
        assertThat(api.post(api.token("agent", Roles.AGENT), "/api/v1/eval/review-queue/sample", null)
            .getStatusCode().value()).isEqualTo(403);
    }

    private void label(String agent, JsonNode item, String label) {
        ResponseEntity<String> response = api.post(agent, "/api/v1/labels", Map.of("conversationId",
                item.get("conversationId").stringValue(), "messageId", item.get("messageId").stringValue(), "label",
                label));
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
    }

    private JsonNode queue(String token, String status) {
        ResponseEntity<String> response = api.get(token, "/api/v1/eval/review-queue?status=" + status);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

}
