package org.supportrag.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Experiments over the five real services: a small answer-level dataset (the first cases of the demo tuning split)
 * is imported through the gateway and run through the chat pipeline under variants. A deliberately worse run (the
 * same questions against a knowledge base without the documents, as after a broken re-index) fails the regression
 * gate; the same variant run twice (lexical retrieval of one chunk, an evaluation override) passes it. Lexical
 * top-1 retrieval alone is not reliably worse with the offline answerer (measured: 4 answers worse, 2 better of 27).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServiceLogsOnFailure.class)
class EvaluationRunsThroughThePlatformIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int CASES = 30;
    static final Map<String, Object> LEXICAL_TOP1 = Map.of("name", "lexical-top1", "retrievalMode", "lexical", "topK",
            1);

    Platform platform;
    HttpClient http;
    String dataset;

    @BeforeAll
    void startPlatformAndImportADataset() throws Exception {
        platform = SharedPlatform.platform();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        DemoKnowledgeBase.ingest(platform);
        List<String> lines = Files.readAllLines(Platform.repoRoot().resolve("datasets/demo/answers-tuning.jsonl"));
        dataset = "e2e-small-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> imported = send("POST", "/api/v1/eval/datasets/" + dataset + "?knowledgeBase="
                + DemoKnowledgeBase.NAME, String.join("\n", lines.subList(0, CASES)) + "\n", "application/jsonl");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    }

    @Test
    void aDeliberatelyWorseVariantFailsTheGateNamingTheMetricAndTheFlippedItems() throws Exception {
        JsonNode baseline = awaitCompleted(start(Map.of("name", "default"), DemoKnowledgeBase.NAME));
        JsonNode worse = awaitCompleted(start(Map.of("name", "no-documents"), "e2e-eval-empty"));

        JsonNode verdict = compare(baseline, worse);

        assertThat(baseline.path("done").asInt()).isEqualTo(CASES);
        assertThat(baseline.path("failed").asInt()).isZero();
        assertThat(verdict.path("regression").asBoolean()).as(verdict.toString()).isTrue();
        JsonNode failed = null;
        for (JsonNode metric : verdict.path("metrics")) {
            if (failed == null && metric.path("significant_regression").asBoolean()) {
                failed = metric;
            }
        }
        assertThat(failed).as("a significantly regressed metric").isNotNull();
        assertThat(failed.path("effect").asDouble()).isNegative();
        assertThat(failed.path("adjusted_p").asDouble()).isLessThan(0.05);
        assertThat(failed.path("regressed")).isNotEmpty();
        assertThat(verdict.path("failed_metrics").toString()).contains(failed.path("metric").asString());
    }

    @Test
    void theSameVariantRunTwicePassesTheGate() throws Exception {
        JsonNode first = awaitCompleted(start(LEXICAL_TOP1, DemoKnowledgeBase.NAME));
        JsonNode second = awaitCompleted(start(LEXICAL_TOP1, DemoKnowledgeBase.NAME));

        JsonNode verdict = compare(first, second);

        assertThat(verdict.path("regression").asBoolean()).as(verdict.toString()).isFalse();
        // The export is the results file ragctl eval answers --save writes.
        HttpResponse<String> results = send("GET", "/api/v1/eval/runs/" + second.path("id").asString() + "/results",
                null, null);
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.body().strip().split("\n")).hasSize(CASES);
    }

    @Test
    void badInputThroughTheGatewayIsAProblemAndAgentsCannotStartRuns() throws Exception {
        HttpResponse<String> invalid = send("POST", "/api/v1/eval/datasets/" + dataset + "-bad",
                "{\"id\": \"x\", \"type\": \"maybe\", \"turns\": [\"q\"]}\n", "application/jsonl");
        HttpResponse<String> unknown = send("POST", "/api/v1/eval/runs",
                JSON.writeValueAsString(Map.of("dataset", "no-such-dataset", "variant", Map.of("name", "x"))),
                "application/json");
        HttpResponse<String> widget = http.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/v1/eval/runs"))
            .header("X-Api-Key", "demo-widget-key")
            .GET()
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).path("type").asString())
            .isEqualTo("urn:supportrag:problem:invalid-dataset");
        assertThat(JSON.readTree(invalid.body()).path("detail").asString()).contains("line 1");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(widget.statusCode()).isEqualTo(403);
    }

    private JsonNode start(Map<String, Object> variant, String knowledgeBase) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/eval/runs", JSON.writeValueAsString(
                Map.of("dataset", dataset, "variant", variant, "knowledgeBase", knowledgeBase)), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    private JsonNode awaitCompleted(JsonNode run) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            JsonNode current = JSON.readTree(send("GET", "/api/v1/eval/runs/" + run.path("id").asString(), null, null)
                .body());
            if (!List.of("queued", "running").contains(current.path("status").asString())) {
                assertThat(current.path("status").asString()).as(current.toString()).isEqualTo("completed");
                return current;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run not completed in time: " + run);
    }

    private JsonNode compare(JsonNode baseline, JsonNode candidate) throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/eval/comparisons?baseline="
                + baseline.path("id").asString() + "&candidate=" + candidate.path("id").asString(), null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path))
            .timeout(Duration.ofMinutes(2))
            .header("X-Api-Key", DemoKnowledgeBase.ADMIN_KEY);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        else {
            request.header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
