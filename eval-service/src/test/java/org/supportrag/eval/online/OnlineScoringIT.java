package org.supportrag.eval.online;

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
import org.supportrag.eval.generation.LoggedTurn;
import org.supportrag.eval.testing.EvalClient;
import org.supportrag.eval.testing.EvalIT;
import org.supportrag.eval.testing.Peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Online scoring without a judge: sampled live turns get eval-core's offline metrics, are stored once, exported as
 * gauges and JSONL, and feed the reliability curve of confidence together with agents' labels.
 */
@EvalIT
class OnlineScoringIT {

    static final FakeGeneration generation = Peers.GENERATION;

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    EvalClient api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        api = EvalClient.newTenant(port, tokens);
    }

    @Test
    void scoresSampledTurnsOnceExportsThemAndDrawsTheReliabilityCurve() {
        Instant now = Instant.now();
        UUID supported = turn(now.minusSeconds(30), "Refunds reach the original payment method within 5 business days [1].",
                0.95);
        UUID unsupported = turn(now.minusSeconds(20), "Gift cards can be exchanged for cash at any branch office [1].",
                0.85);
        UUID dangling = turn(now.minusSeconds(10), "Refunds reach the original payment method [2].", 0.15);
        String admin = api.token("admin", Roles.ADMIN);

        ResponseEntity<String> scored = api.post(admin, "/api/v1/eval/online/score", null);
        assertThat(json.readTree(scored.getBody()).get("scored").intValue()).isEqualTo(3);
        assertThat(json.readTree(api.post(admin, "/api/v1/eval/online/score", null).getBody()).get("scored")
            .intValue()).isZero();

        String export = api.get(admin, "/api/v1/eval/online/scores.jsonl").getBody();
        List<String> lines = export.lines().toList();
        assertThat(lines).hasSize(3);
        Map<String, JsonNode> byMessage = new java.util.HashMap<>();
        lines.forEach(line -> {
            JsonNode node = json.readTree(line);
            byMessage.put(node.get("messageId").stringValue(), node);
        });
        assertThat(byMessage.get(supported.toString()).get("metrics").get("faithfulness_offline").doubleValue())
            .isEqualTo(1.0);
        assertThat(byMessage.get(unsupported.toString()).get("metrics").get("faithfulness_offline").doubleValue())
            .isEqualTo(0.0);
        assertThat(byMessage.get(dangling.toString()).get("metrics").get("dangling_citations").doubleValue())
            .isEqualTo(1.0);
        assertThat(byMessage.get(supported.toString()).get("judged").booleanValue()).isFalse();

        String metrics = api.http().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).containsPattern("rag_eval_online_score\\{[^}]*metric=\"faithfulness_offline\",tenant=\""
                + api.tenant() + "\"} 0\\.333");

        // Agents found the confident answers right and wrong, the unconfident one wrong.
        label(supported, "correct");
        label(unsupported, "incorrect");
        label(dangling, "incorrect");
        JsonNode curve = json.readTree(api.get(admin, "/api/v1/eval/online/reliability").getBody());
        assertThat(curve.get("answers").intValue()).isEqualTo(3);
        JsonNode top = curve.get("bins").get(9);
        assertThat(top.get("count").intValue()).isEqualTo(1);
        assertThat(top.get("accuracy").doubleValue()).isEqualTo(1.0);
        assertThat(curve.get("bins").get(8).get("accuracy").doubleValue()).isZero();
        // |1 - 0.95| + |0 - 0.85| + |0 - 0.15|, each a third.
        assertThat(curve.get("expectedCalibrationError").doubleValue()).isCloseTo((0.05 + 0.85 + 0.15) / 3,
                within(1e-9));
    }

    @Test
    void drawsTheReliabilityCurveOfAnExperimentRunFromItsScoredItems() {
        UUID dataset = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO datasets (id, tenant_id, name, version, kind, item_count, created_by)
                VALUES (?, ?, 'd', 1, 'answers', 4, 'test')""").params(dataset, api.tenant()).update();
        jdbc.sql("""
                INSERT INTO runs (id, tenant_id, dataset_id, variant_name, status, total, created_by)
                VALUES (?, ?, ?, 'v', 'completed', 4, 'test')""").params(run, api.tenant(), dataset).update();
        double[][] items = { { 0.92, 1 }, { 0.97, 0 }, { 0.35, 0 }, { 0.31, 1 } };
        for (int i = 0; i < items.length; i++) {
            jdbc.sql("""
                    INSERT INTO run_items (run_id, item_key, position, status, result, confidence)
                    VALUES (?, ?, ?, 'done', CAST(? AS jsonb), ?)""")
                .params(run, "c" + i, i, "{\"answer_correct\": " + (items[i][1] == 1) + "}", items[i][0])
                .update();
        }
        JsonNode curve = json.readTree(api.get(api.token("admin", Roles.ADMIN), "/api/v1/eval/online/reliability?run="
                + run).getBody());
        assertThat(curve.get("answers").intValue()).isEqualTo(4);
        assertThat(curve.get("bins").get(9).get("accuracy").doubleValue()).isEqualTo(0.5);
        assertThat(curve.get("bins").get(3).get("accuracy").doubleValue()).isEqualTo(0.5);
        assertThat(api.get(api.token("admin", Roles.ADMIN), "/api/v1/eval/online/reliability?run=" + UUID.randomUUID())
            .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void badWindowsAreProblems() {
        ResponseEntity<String> bad = api.get(api.token("admin", Roles.ADMIN), "/api/v1/eval/online?days=0");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("urn:supportrag:problem:invalid-window");
        assertThat(api.get(api.token("agent", Roles.AGENT), "/api/v1/eval/online").getStatusCode().value())
            .isEqualTo(403);
    }

    private UUID turn(Instant at, String answer, double confidence) {
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        generation.add(api.tenant(), new LoggedTurn(message, conversation, "help", at, "How do refunds work?", answer,
                confidence, 0.7, false, List.of(), false, List.of(), "production", "primary", 0.001, List.of()));
        generation.conversation(conversation, List.of(
                Map.of("messageId", UUID.randomUUID(), "role", "user", "content", "How do refunds work?"),
                Map.of("messageId", message, "role", "assistant", "content", answer, "citations", List.of(Map.of(
                        "index", 1, "title", "Refund policy", "url", "help-center/refunds.md", "snippet",
                        "Refunds are issued to the original payment method within 5 business days.")))));
        return message;
    }

    private void label(UUID message, String label) {
        ResponseEntity<String> response = api.post(api.token("agent", Roles.AGENT), "/api/v1/labels",
                Map.of("conversationId", UUID.randomUUID(), "messageId", message, "label", label));
        assertThat(response.getStatusCode().value()).isEqualTo(201);
    }
}
