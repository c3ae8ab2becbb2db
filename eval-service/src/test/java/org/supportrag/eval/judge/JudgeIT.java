package org.supportrag.eval.judge;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestHttp;
import org.supportrag.eval.generation.LoggedTurn;
import org.supportrag.eval.online.FakeGeneration;
import org.supportrag.eval.testing.EvalClient;
import org.supportrag.eval.testing.EvalIT;
import org.supportrag.eval.testing.Peers;
import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The judge over the OpenAI-compatible stub (real HTTP): temperature 0, majority of votes, cost recorded as operation
 * judge; calibrated against agents' labels posted through the label API, it may gate only with kappa >= 0.6 on at
 * least 50 labelled answers and says it is advisory otherwise.
 */
@EvalIT
@TestPropertySource(properties = { "rag.eval.judge.model=judge-model", "rag.eval.judge.api-key=sk-test",
        "rag.eval.judge.prompt-price-per-million=2", "rag.eval.judge.completion-price-per-million=8",
        "rag.eval.judge.base-url=" + Peers.LLM_URL,
        "rag.eval.runs.chat-url=${rag.eval.generation-url}", "rag.eval.runs.poll-interval=100ms" })
class JudgeIT {

    static final FakeGeneration generation = Peers.GENERATION;
    static final OpenAiStubServer llm = Peers.LLM;

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    RestClient http;
    EvalClient api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        http = TestHttp.lenientClient(port);
        // Each test mints its tokens for a tenant of its own (admin(tenant)); the API's tenant is not used.
        api = new EvalClient(http, tokens, "t-" + UUID.randomUUID());
        // The stub judge: an answer marked GOOD is correct, BAD incorrect; FLIP makes the judge say the opposite.
        llm.reset().respondWith(request -> {
            String prompt = request.lastUserMessage();
            if (prompt.contains("UNSUPPORTED:")) {
                return "SUPPORTED: refunds take 5 days\nSUPPORTED: to the original card\nUNSUPPORTED: gift cards too";
            }
            String answer = prompt.substring(prompt.indexOf("Assistant's answer:"));
            boolean good = answer.contains("GOOD");
            if (answer.contains("FLIP")) {
                good = !good;
            }
            return "VERDICT: " + (good ? "correct" : "incorrect") + "\nREASON: stub";
        });
    }

    @Test
    void aJudgeThatAgreesWithAgentsOnFiftyOrMoreAnswersMayGate() {
        String tenant = "t-" + UUID.randomUUID();
        // 60 answers: 30 good, 30 bad, and the judge disagrees with the agents on 3 of them.
        for (int i = 0; i < 60; i++) {
            boolean good = i % 2 == 0;
            label(tenant, (good ? "GOOD" : "BAD") + (i < 3 ? " FLIP" : "") + " answer " + i,
                    good ? "correct" : "incorrect");
        }
        JsonNode calibration = calibrate(tenant);
        assertThat(calibration.get("labelled").intValue()).isEqualTo(60);
        assertThat(calibration.get("accuracy").doubleValue()).isCloseTo(57 / 60.0, within(1e-9));
        // Judge: 29 correct / 31 incorrect... agents 30/30: pe = (30*29 + 30*31) / 3600 = 0.5, kappa = 0.9.
        assertThat(calibration.get("kappa").doubleValue()).isCloseTo(0.9, within(1e-9));
        assertThat(calibration.get("mayGate").booleanValue()).isTrue();
        assertThat(calibration.get("mode").stringValue()).isEqualTo("gating");
    }

    @Test
    void theJudgesVerdictsOnRunsGateOnlyOnceTheJudgeIsCalibratedAndAreAdvisoryBefore() throws Exception {
        String calibrated = "t-" + UUID.randomUUID();
        for (int i = 0; i < 60; i++) {
            boolean good = i % 2 == 0;
            label(calibrated, (good ? "GOOD" : "BAD") + (i < 3 ? " FLIP" : "") + " answer " + i,
                    good ? "correct" : "incorrect");
        }
        assertThat(calibrate(calibrated).get("mode").stringValue()).isEqualTo("gating");
        String uncalibrated = "t-" + UUID.randomUUID();

        JsonNode gated = judgedComparison(calibrated);
        JsonNode advisory = judgedComparison(uncalibrated);

        // The answers differ only in what the judge sees: the deterministic metrics do not move.
        assertThat(gated.get("regression").booleanValue()).as(gated.toString()).isTrue();
        assertThat(gated.get("failed_metrics").toString()).isEqualTo("[\"judge_correct\"]");
        assertThat(gated.get("judge").get("mode").stringValue()).isEqualTo("gating");
        JsonNode advisoryMetric = metric(advisory, "judge_correct");
        assertThat(advisoryMetric.get("advisory").booleanValue()).isTrue();
        assertThat(advisoryMetric.get("significant_regression").booleanValue()).isTrue();
        assertThat(advisoryMetric.get("regressed")).hasSize(10);
        assertThat(advisory.get("regression").booleanValue()).isFalse();
        assertThat(advisory.get("judge").get("mode").stringValue()).isEqualTo("advisory");
        assertThat(advisory.get("judge").get("explanation").stringValue()).contains("Advisory");
        assertThat(metric(advisory, "judge_faithfulness").get("effect").doubleValue()).isZero();
    }

    /** Two runs of a 10-item dataset, GOOD answers against BAD ones, compared as the gate does. */
    private JsonNode judgedComparison(String tenant) throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            items.append("{\"id\": \"a").append(i).append("\", \"type\": \"answerable\", \"turns\": [\"Question ")
                .append(i).append("?\"], \"facts\": [\"answer ").append(i).append("\\\\b\"]}\n");
        }
        ResponseEntity<String> imported = http.post()
            .uri("/api/v1/eval/datasets/judged")
            .headers(h -> h.setBearerAuth(admin(tenant)))
            .contentType(MediaType.parseMediaType("application/jsonl"))
            .body(items.toString())
            .retrieve()
            .toEntity(String.class);
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(201);
        String baseline = completedRun(tenant, Map.of("name", "good"));
        String candidate = completedRun(tenant, Map.of("name", "bad", "promptLabel", "bad"));
        JsonNode baselineRun = json.readTree(api.get(admin(tenant), "/api/v1/eval/runs/" + baseline).getBody());
        assertThat(baselineRun.get("metrics").get("judge_correct").doubleValue()).isEqualTo(1.0);
        ResponseEntity<String> compared = api.get(admin(tenant), "/api/v1/eval/comparisons?baseline=" + baseline
                + "&candidate=" + candidate);
        assertThat(compared.getStatusCode().value()).as(compared.getBody()).isEqualTo(200);
        return json.readTree(compared.getBody());
    }

    private String completedRun(String tenant, Map<String, Object> variant) throws Exception {
        ResponseEntity<String> started = api.post(admin(tenant), "/api/v1/eval/runs",
                Map.of("dataset", "judged", "variant", variant));
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        String id = json.readTree(started.getBody()).get("id").stringValue();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = json.readTree(api.get(admin(tenant), "/api/v1/eval/runs/" + id).getBody());
            if (run.get("status").stringValue().equals("completed")) {
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not complete");
    }

    private static JsonNode metric(JsonNode verdict, String name) {
        for (JsonNode metric : verdict.get("metrics")) {
            if (metric.get("metric").stringValue().equals(name)) {
                return metric;
            }
        }
        throw new AssertionError("no metric " + name + " in " + verdict);
    }

    @Test
    void withFewerThanFiftyLabelledAnswersTheJudgeIsAdvisoryAndSaysSo() {
        String tenant = "t-" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            boolean good = i % 2 == 0;
            label(tenant, (good ? "GOOD" : "BAD") + " answer " + i, good ? "correct" : "incorrect");
        }
        JsonNode calibration = calibrate(tenant);
        assertThat(calibration.get("kappa").doubleValue()).isEqualTo(1.0);
        assertThat(calibration.get("mayGate").booleanValue()).isFalse();
        assertThat(calibration.get("mode").stringValue()).isEqualTo("advisory");
        assertThat(calibration.get("explanation").stringValue()).contains("20").contains("50");
        JsonNode status = json.readTree(api.get(admin(tenant), "/api/v1/eval/judge").getBody());
        assertThat(status.get("configured").booleanValue()).isTrue();
        assertThat(status.get("calibration").get("mode").stringValue()).isEqualTo("advisory");
    }

    @Test
    void aJudgeThatAgreesWithAgentsLittleMoreThanChanceIsAdvisory() {
        String tenant = "t-" + UUID.randomUUID();
        // The judge is wrong on every third answer: accuracy 2/3, kappa about 0.33.
        for (int i = 0; i < 60; i++) {
            boolean good = i % 2 == 0;
            label(tenant, (good ? "GOOD" : "BAD") + (i % 3 == 0 ? " FLIP" : "") + " answer " + i,
                    good ? "correct" : "incorrect");
        }
        JsonNode calibration = calibrate(tenant);
        assertThat(calibration.get("labelled").intValue()).isEqualTo(60);
        assertThat(calibration.get("kappa").doubleValue()).isLessThan(0.6);
        assertThat(calibration.get("mayGate").booleanValue()).isFalse();
        assertThat(calibration.get("explanation").stringValue()).contains("kappa").contains("below 0.60");
    }

    @Test
    void judgesAtTemperatureZeroByMajorityOfVotesAndRecordsItsCostAsOperationJudge() {
        String tenant = "t-" + UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        llm.respondWith(request -> request.lastUserMessage().contains("UNSUPPORTED:")
                ? "SUPPORTED: refunds take 5 days\nSUPPORTED: to the original card\nUNSUPPORTED: gift cards too"
                : calls.getAndIncrement() % 3 == 1 ? "VERDICT: incorrect\nREASON: no" : "VERDICT: correct\nREASON: ok");
        ResponseEntity<String> judged = api.post(admin(tenant), "/api/v1/eval/judge/evaluate", Map.of(
                "question", "How long do refunds take?", "answer", "Refunds take 5 days [1].", "reference",
                "Five business days.", "sources", List.of("Refunds reach the original card within 5 days."),
                "votes", 3));
        assertThat(judged.getStatusCode().value()).as(judged.getBody()).isEqualTo(200);
        JsonNode body = json.readTree(judged.getBody());
        assertThat(body.get("correctness").get("verdict").stringValue()).isEqualTo("correct");
        assertThat(body.get("correctness").get("agreement").doubleValue()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(body.get("correctness").get("votes").size()).isEqualTo(3);
        assertThat(body.get("faithfulness").get("score").doubleValue()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(body.get("correctness").get("promptVersion").stringValue()).isEqualTo("judge-correctness-v1");

        assertThat(llm.requests()).isNotEmpty().allSatisfy(request -> assertThat(json.readTree(request.body())
            .get("temperature").doubleValue()).isZero());
        assertThat(llm.requests().getFirst().body()).contains("Five business days.");
        List<Map<String, Object>> usage = jdbc.sql("SELECT operation, model, cost_usd FROM judge_usage WHERE tenant_id = ?")
            .param(tenant)
            .query()
            .listOfRows();
        assertThat(usage).hasSize(6).allSatisfy(row -> {
            assertThat(row.get("operation")).isEqualTo("judge");
            assertThat(row.get("model")).isEqualTo("judge-model");
            assertThat(((java.math.BigDecimal) row.get("cost_usd")).doubleValue()).isPositive();
        });
        String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).containsPattern("rag_eval_judge_cost_usd_total\\{[^}]*operation=\"judge\"[^}]*tenant=\""
                + tenant + "\"");
        // Each judge call is a model call observed like generation's (GenAI conventions, configured name "judge").
        assertThat(metrics).containsPattern("gen_ai_client_operation_seconds_count\\{[^}]*error_type=\"none\""
                + "[^}]*gen_ai_operation_name=\"chat\"[^}]*gen_ai_provider_name=\"openai\"[^}]*gen_ai_request_model="
                + "\"judge-model\"[^}]*rag_model=\"judge\"")
            .containsPattern("gen_ai_client_token_usage_total\\{[^}]*gen_ai_token_type=\"input\"[^}]*rag_model=\"judge\"");
    }

    @Test
    void badJudgeRequestsAreProblems() {
        String tenant = "t-" + UUID.randomUUID();
        ResponseEntity<String> tooManyVotes = api.post(admin(tenant), "/api/v1/eval/judge/evaluate",
                Map.of("question", "q", "answer", "a", "votes", 99));
        assertThat(tooManyVotes.getStatusCode().value()).isEqualTo(400);
        assertThat(tooManyVotes.getBody()).contains("urn:supportrag:problem:invalid-votes");
        assertThat(api.post(admin(tenant), "/api/v1/eval/judge/evaluate", Map.of("question", "q"))
            .getStatusCode().value()).isEqualTo(400);
        String agent = tokens.mint(new CallerIdentity(tenant, "agent", Set.of(Roles.AGENT), Set.of(), null));
        assertThat(api.post(agent, "/api/v1/eval/judge/calibrate", Map.of()).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void onlineScoringAsksTheJudgeOnlyWithinTheTenantsDailyJudgeBudget() {
        String tenant = "t-" + UUID.randomUUID();
        Instant now = Instant.now();
        logged(tenant, now.minusSeconds(30), "GOOD Refunds take 5 days [1].");
        logged(tenant, now.minusSeconds(20), "BAD Gift cards are refundable [1].");
        ResponseEntity<String> scored = api.post(admin(tenant), "/api/v1/eval/online/score", Map.of());
        assertThat(json.readTree(scored.getBody()).get("scored").intValue()).isEqualTo(2);
        List<JsonNode> lines = api.get(admin(tenant), "/api/v1/eval/online/scores.jsonl").getBody()
            .lines()
            .map(json::readTree)
            .toList();
        assertThat(lines).hasSize(2).allSatisfy(line -> {
            assertThat(line.get("judged").booleanValue()).isTrue();
            assertThat(line.get("metrics").get("judge_faithfulness").doubleValue()).isCloseTo(2 / 3.0, within(1e-9));
        });
        assertThat(lines).extracting(line -> line.get("metrics").get("judge_correctness").doubleValue())
            .containsExactlyInAnyOrder(1.0, 0.0);

        // Today's judge spending reaches the budget: later turns get the offline metrics only.
        jdbc.sql("INSERT INTO judge_usage (tenant_id, model, cost_usd) VALUES (?, 'judge-model', 5)").param(tenant)
            .update();
        logged(tenant, Instant.now().minusSeconds(1), "GOOD Refunds take 5 days [1].");
        assertThat(json.readTree(api.post(admin(tenant), "/api/v1/eval/online/score", Map.of()).getBody()).get("scored")
            .intValue()).isEqualTo(1);
        JsonNode last = api.get(admin(tenant), "/api/v1/eval/online/scores.jsonl").getBody()
            .lines()
            .map(json::readTree)
            .filter(line -> !line.get("judged").booleanValue())
            .findFirst()
            .orElseThrow();
        assertThat(last.get("metrics").has("judge_correctness")).isFalse();
        assertThat(last.get("metrics").get("faithfulness_offline").isNumber()).isTrue();
    }

    private void logged(String tenant, Instant at, String answer) {
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        generation.add(tenant, new LoggedTurn(message, conversation, "help", at, "How long do refunds take?", answer,
                0.8, 0.7, false, List.of(), false, List.of(), "production", "primary", 0.001, List.of()));
        generation.conversation(conversation, List.of(
                Map.of("messageId", UUID.randomUUID(), "role", "user", "content", "How long do refunds take?"),
                Map.of("messageId", message, "role", "assistant", "content", answer, "citations", List.of(Map.of(
                        "index", 1, "title", "Refunds", "snippet", "Refunds take 5 days.")))));
    }

    /** A logged answer in generation and an agent's label on it, posted through the label API. */
    private void label(String tenant, String answer, String label) {
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        generation.add(tenant, new LoggedTurn(message, conversation, "help", Instant.now(), "A question?", answer, 0.8,
                0.7, false, List.of(), false, List.of(), "production", "primary", 0.001, List.of()));
        String agent = tokens.mint(new CallerIdentity(tenant, "agent@demo.local", Set.of(Roles.AGENT), Set.of(),
                null));
        ResponseEntity<String> response = api.post(agent, "/api/v1/labels",
                Map.of("conversationId", conversation, "messageId", message, "label", label));
        assertThat(response.getStatusCode().value()).isEqualTo(201);
    }

    private JsonNode calibrate(String tenant) {
        ResponseEntity<String> response = api.post(admin(tenant), "/api/v1/eval/judge/calibrate", Map.of());
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private String admin(String tenant) {
        return tokens.mint(new CallerIdentity(tenant, "admin", Set.of(Roles.ADMIN), Set.of(), null));
    }

}
