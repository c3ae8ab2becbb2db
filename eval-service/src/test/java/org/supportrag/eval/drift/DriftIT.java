package org.supportrag.eval.drift;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.eval.generation.LoggedTurn;
import org.supportrag.eval.online.FakeGeneration;
import org.supportrag.eval.testing.EvalIT;
import org.supportrag.eval.testing.Peers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift over real PostgreSQL and the real embedding model, with generation's interaction log served over HTTP: a
 * shift of question topics raises the PSI gauge over 0.2 and lists the new topics as knowledge gaps; the same topic
 * mix stays under it.
 */
@EvalIT
class DriftIT {

    static final FakeGeneration generation = Peers.GENERATION;
    static final int PER_WINDOW = 160;

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    DriftService drift;

    @Autowired
    DataSource dataSource;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aShiftOfQuestionTopicsRaisesTheGaugesAndNoShiftStaysUnderTheThreshold() throws Exception {
        String steady = "t-steady-" + UUID.randomUUID();
        String shifted = "t-shifted-" + UUID.randomUUID();
        populate(steady, 1, false);
        populate(shifted, 2, true);

        JsonNode steadyReport = compute(steady);
        JsonNode shiftedReport = compute(shifted);

        String metrics = get(null, "/actuator/prometheus");
        double steadyTopics = gauge(metrics, "rag_eval_drift_psi", steady, "query_topics");
        double shiftedTopics = gauge(metrics, "rag_eval_drift_psi", shifted, "query_topics");
        double steadyDistance = gauge(metrics, "rag_eval_drift_embedding_distance", steady, null);
        double shiftedDistance = gauge(metrics, "rag_eval_drift_embedding_distance", shifted, null);
        System.out.printf("drift: topics PSI steady %.3f shifted %.3f; centroid distance steady %.4f shifted %.4f%n",
                steadyTopics, shiftedTopics, steadyDistance, shiftedDistance);
        System.out.println("steady report: " + steadyReport);
        System.out.println("shifted report: " + shiftedReport);

        assertThat(shiftedTopics).isGreaterThan(DriftStatistics.PSI_SIGNIFICANT);
        assertThat(steadyTopics).isLessThan(DriftStatistics.PSI_SIGNIFICANT);
        assertThat(gauge(metrics, "rag_eval_drift_psi", shifted, "top_score"))
            .isGreaterThan(DriftStatistics.PSI_SIGNIFICANT);
        assertThat(gauge(metrics, "rag_eval_drift_psi", steady, "top_score"))
            .isLessThan(DriftStatistics.PSI_SIGNIFICANT);
        assertThat(gauge(metrics, "rag_eval_drift_psi", steady, "escalation_rate"))
            .isLessThan(DriftStatistics.PSI_SIGNIFICANT);
        assertThat(shiftedDistance).isGreaterThan(3 * steadyDistance);
        JsonNode shiftedEmbedding = shiftedReport.get("embedding");
        JsonNode steadyEmbedding = steadyReport.get("embedding");
        assertThat(shiftedEmbedding.get("farShare").doubleValue())
            .isGreaterThan(steadyEmbedding.get("farShare").doubleValue() + 0.2);

        // The unrelated topics are the knowledge gaps; the steady tenant's gaps are few and small.
        JsonNode gaps = json.readTree(get(admin(shifted), "/api/v1/eval/drift/gaps")).get(0).get("gaps");
        assertThat(gaps.size()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < 3; i++) {
            String question = gaps.get(i).get("question").stringValue();
            assertThat(SyntheticQuestions.UNRELATED.stream().anyMatch(question::contains)).as(question).isTrue();
        }
        int steadyGapped = 0;
        for (JsonNode gap : json.readTree(get(admin(steady), "/api/v1/eval/drift/gaps")).get(0).get("gaps")) {
            steadyGapped += gap.get("size").intValue();
        }
        assertThat(steadyGapped).isLessThan(PER_WINDOW / 5);
    }

    @Test
    void onlyOneReplicaComputesAtATime() throws Exception {
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + DriftService.LOCK_KEY + ")");
            assertThat(drift.computeUnderLock(List.of("t-" + UUID.randomUUID()))).isFalse();
            statement.execute("SELECT pg_advisory_unlock(" + DriftService.LOCK_KEY + ")");
        }
        assertThat(drift.computeUnderLock(List.of("t-" + UUID.randomUUID()))).isTrue();
    }

    @Test
    void customersMayNotReadDriftAndTooFewTurnsSayNotEnoughData() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        HttpResponse<String> denied = send(tokens.mint(new CallerIdentity(tenant, "c", Set.of(Roles.CUSTOMER),
                Set.of(), null)), "/api/v1/eval/drift", "GET");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("urn:supportrag:problem:forbidden");
        generation.add(tenant, FakeGeneration.turn(UUID.randomUUID(), "help", Instant.now().minusSeconds(60),
                "How do I track my parcel?", "[1]", 0.9, 0.8, false, List.of(), "production", 0.001));
        JsonNode report = compute(tenant);
        assertThat(report.get("enoughData").booleanValue()).isFalse();
        assertThat(report.get("signals").size()).isZero();
    }

    /** Reference: help-center topics 8-35 days ago; current: the last 7 days, shifted to unrelated topics or not. */
    private void populate(String tenant, long seed, boolean shift) {
        SyntheticQuestions questions = new SyntheticQuestions(seed);
        Instant now = Instant.now();
        for (int i = 0; i < PER_WINDOW; i++) {
            Instant at = now.minus(Duration.ofDays(8)).minus(Duration.ofMinutes(i * 240L));
            generation.add(tenant, answered(questions, at, false));
        }
        for (int i = 0; i < PER_WINDOW; i++) {
            Instant at = now.minus(Duration.ofMinutes(5 + i * 60L));
            generation.add(tenant, answered(questions, at, shift && questions.chance(0.6)));
        }
    }

    private static LoggedTurn answered(SyntheticQuestions questions, Instant at,
            boolean unrelated) {
        String question = questions.from(unrelated ? SyntheticQuestions.UNRELATED : SyntheticQuestions.HELP_CENTER);
        double top = unrelated ? questions.between(0.05, 0.35) : questions.between(0.45, 0.95);
        double confidence = unrelated ? questions.between(0.3, 0.8) : questions.between(0.6, 0.97);
        boolean escalated = confidence < 0.4;
        return FakeGeneration.turn(UUID.randomUUID(), "help", at, question, "An answer [1].", confidence, top,
                escalated, List.of(), "production", 0.001);
    }

    private JsonNode compute(String tenant) throws Exception {
        HttpResponse<String> response = send(admin(tenant), "/api/v1/eval/drift/compute", "POST");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("reports").get(0);
    }

    private String admin(String tenant) {
        return tokens.mint(new CallerIdentity(tenant, "admin", Set.of(Roles.ADMIN), Set.of(), null));
    }

    private String get(String token, String path) throws Exception {
        HttpResponse<String> response = send(token, path, "GET");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String token, String path, String method) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static double gauge(String metrics, String name, String tenant, String signal) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("tenant=\"" + tenant + "\"")
                    && (signal == null || line.contains("signal=\"" + signal + "\""))) {
                Matcher value = Pattern.compile("} (\\S+)$").matcher(line);
                if (value.find()) {
                    return Double.parseDouble(value.group(1));
                }
            }
        }
        throw new AssertionError("no " + name + " for " + tenant + " " + signal);
    }
}
