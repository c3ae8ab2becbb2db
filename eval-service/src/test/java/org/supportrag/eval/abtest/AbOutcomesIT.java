package org.supportrag.eval.abtest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import static org.assertj.core.api.Assertions.within;

/** A/B outcomes of two prompt arms from the interaction log (over HTTP) and feedback (PostgreSQL). */
@EvalIT
class AbOutcomesIT {

    static final FakeGeneration generation = Peers.GENERATION;

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    EvalClient api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        api = EvalClient.newTenant(port, tokens);
    }

    /**
     * 150 conversations per arm. Escalations: production 24 (16%), canary 56 (37.3%): pooled 80/300, z = 4.18.
     * Thumbs-up: production 60 of 100 rated, canary 40 of 100. Confidence: the same values in both arms.
     */
    @Test
    void reportsPerArmRatesAndCostsAndCallsOnlyRealDifferencesSignificant() {
        populate("production", 3, 60, 0.002);
        populate("canary", 7, 40, 0.001);

        JsonNode outcomes = outcomes("?dimension=prompt&minSample=100");
        assertThat(outcomes.get("baseline").stringValue()).isEqualTo("production");
        JsonNode production = arm(outcomes, "production");
        JsonNode canary = arm(outcomes, "canary");
        assertThat(production.get("conversations").intValue()).isEqualTo(150);
        assertThat(production.get("escalationRate").doubleValue()).isCloseTo(24 / 150.0, within(1e-9));
        assertThat(canary.get("escalationRate").doubleValue()).isCloseTo(56 / 150.0, within(1e-9));
        assertThat(production.get("thumbsUpRate").doubleValue()).isCloseTo(0.6, within(1e-9));
        assertThat(canary.get("thumbsUpRate").doubleValue()).isCloseTo(0.4, within(1e-9));
        assertThat(production.get("unsupportedClaimRate").isNull()).isTrue();
        double productionCost = production.get("totalCostUsd").doubleValue();
        assertThat(production.get("costPerConversation").doubleValue()).isCloseTo(productionCost / 150, within(1e-12));
        assertThat(production.get("costPerResolvedConversation").doubleValue())
            .isCloseTo(productionCost / production.get("resolvedConversations").intValue(), within(1e-12));

        JsonNode tests = outcomes.get("comparisons").get(0).get("tests");
        JsonNode escalation = test(tests, "escalation_rate");
        assertThat(escalation.get("statistic").doubleValue()).isCloseTo(4.18, within(0.01));
        assertThat(escalation.get("significant").booleanValue()).isTrue();
        assertThat(test(tests, "thumbs_up_rate").get("significant").booleanValue()).isTrue();
        assertThat(test(tests, "mean_confidence").get("significant").booleanValue()).isFalse();
        assertThat(test(tests, "cost_per_conversation").get("significant").booleanValue()).isTrue();

        // Below the minimum sample nothing is called significant, however large the difference.
        JsonNode small = outcomes("?dimension=prompt&minSample=200");
        assertThat(small.get("comparisons").get(0).get("enoughSample").booleanValue()).isFalse();
        assertThat(small.get("comparisons").get(0).get("tests")).allSatisfy(
                test -> assertThat(test.get("significant").booleanValue()).isFalse());
    }

    @Test
    void badRequestsAreProblemsAndCustomersAreTurnedAway() {
        ResponseEntity<String> bad = api.get(api.token("admin", Roles.ADMIN), "/api/v1/eval/ab?dimension=colour");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("urn:supportrag:problem:invalid-ab-request");
        assertThat(api.get(api.token("admin", Roles.ADMIN), "/api/v1/eval/ab?days=0").getStatusCode().value())
            .isEqualTo(400);
        assertThat(api.get(api.token("c", Roles.CUSTOMER), "/api/v1/eval/ab").getStatusCode().value())
            .isEqualTo(403);
    }

    private void populate(String arm, int escalatedPerTwenty, int thumbsUp, double cost) {
        Instant now = Instant.now();
        for (int i = 0; i < 150; i++) {
            boolean escalated = i % 20 < escalatedPerTwenty;
            var turn = FakeGeneration.turn(UUID.randomUUID(), "help", now.minusSeconds(60 + i), "q" + i, "a",
                    0.5 + (i % 10) / 20.0, 0.7, escalated, List.of(), arm, cost + (i % 5) * 0.0001);
            generation.add(api.tenant(), turn);
            if (i < 100) {
                jdbc.sql("""
                        INSERT INTO feedback (id, tenant_id, conversation_id, message_id, rating, submitted_by,
                            created_at) VALUES (?, ?, ?, ?, ?, 'visitor', ?)""")
                    .params(UUID.randomUUID(), api.tenant(), turn.conversationId(), turn.messageId(),
                            i < thumbsUp ? "up" : "down", Timestamp.from(now))
                    .update();
            }
        }
    }

    private JsonNode outcomes(String query) {
        ResponseEntity<String> response = api.get(api.token("admin", Roles.ADMIN), "/api/v1/eval/ab" + query);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private static JsonNode arm(JsonNode outcomes, String name) {
        for (JsonNode arm : outcomes.get("arms")) {
            if (arm.get("arm").stringValue().equals(name)) {
                return arm;
            }
        }
        throw new AssertionError("no arm " + name);
    }

    private static JsonNode test(JsonNode tests, String metric) {
        for (JsonNode test : tests) {
            if (test.get("metric").stringValue().equals(metric)) {
                return test;
            }
        }
        throw new AssertionError("no test " + metric);
    }
}
