package org.supportrag.eval.experiment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestHttp;
import org.supportrag.eval.testing.EvalClient;
import org.supportrag.eval.testing.EvalIT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The experiments API on real PostgreSQL; the chat pipeline is a stand-in generation over HTTP that answers right
 * unless a run's variant retrieves a single chunk.
 */
@EvalIT
@TestPropertySource(properties = { "rag.eval.runs.poll-interval=100ms" })
class ExperimentsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<JsonNode> CHATS = new CopyOnWriteArrayList<>();
    private static final List<JsonNode> SEARCHES = new CopyOnWriteArrayList<>();
    private static final HttpServer GENERATION = startGeneration();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("rag.eval.runs.chat-url", () -> "http://127.0.0.1:" + GENERATION.getAddress().getPort());
        registry.add("rag.eval.runs.retrieval-url", () -> "http://127.0.0.1:" + GENERATION.getAddress().getPort());
    }

    @AfterAll
    static void stopGeneration() {
        GENERATION.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    String tenant;

    EvalClient api;

    @BeforeEach
    void setUp() {
        http = TestHttp.lenientClient(port);
        tenant = "t-" + UUID.randomUUID();
        api = new EvalClient(http, tokens, tenant);
    }

    @Test
    void importsAnAnswerLevelDatasetAsVersionsAndExportsItAsItWasImported() throws Exception {
        String dataset = dataset(3);

        ResponseEntity<String> first = importDataset("faq", dataset, "?knowledgeBase=docs");
        ResponseEntity<String> second = importDataset("faq", dataset(2), "?append=true");

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(first.getHeaders().getLocation()).hasPath("/api/v1/eval/datasets/faq/versions/1");
        assertThat(JSON.readTree(first.getBody()).path("itemCount").asInt()).isEqualTo(4);
        assertThat(JSON.readTree(second.getBody()).path("version").asInt()).isEqualTo(2);
        // Appending keeps version 1's items; the same ids are replaced, not repeated.
        assertThat(JSON.readTree(second.getBody()).path("itemCount").asInt()).isEqualTo(4);
        assertThat(JSON.readTree(second.getBody()).path("knowledgeBase").asString()).isEqualTo("docs");
        String exported = api.get(admin(), "/api/v1/eval/datasets/faq/versions/1/items").getBody();
        assertThat(exported.strip().split("\n")).hasSize(4);
        for (String line : exported.strip().split("\n")) {
            JsonNode item = JSON.readTree(line);
            assertThat(item.path("id").asString()).isNotBlank();
            assertThat(item.path("type").asString()).isIn("answerable", "unanswerable");
            assertThat(dataset).contains("\"id\": \"" + item.path("id").asString() + "\"");
        }
        JsonNode listed = JSON.readTree(api.get(admin(), "/api/v1/eval/datasets").getBody());
        assertThat(listed.path("items")).hasSize(2);
    }

    @Test
    void anInvalidDatasetIsAProblemNamingTheLineAndStoresNothing() throws Exception {
        ResponseEntity<String> response = importDataset("broken",
                "{\"id\": \"a\", \"type\": \"answerable\", \"turns\": [\"q\"]}\n{\"id\": \"b\", \"type\": \"sometimes\", "
                        + "\"turns\": [\"q\"]}\n", "");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.path("type").asString()).isEqualTo("urn:supportrag:problem:invalid-dataset");
        assertThat(problem.path("detail").asString()).contains("line 2").contains("unknown type 'sometimes'");
        assertThat(JSON.readTree(api.get(admin(), "/api/v1/eval/datasets").getBody()).path("items")).isEmpty();
        assertThat(JSON.readTree(importDataset("-bad", dataset(1), "").getBody()).path("type").asString())
            .isEqualTo("urn:supportrag:problem:invalid-dataset-name");
    }

    @Test
    void aRunAsksEveryItemThroughThePipelineAndAWorseVariantFailsTheGateWhileTheSameVariantPasses()
            throws Exception {
        importDataset("gate", dataset(10), "?knowledgeBase=docs");

        JsonNode baseline = awaitCompleted(startRun("gate", Map.of("name", "baseline")));
        JsonNode again = awaitCompleted(startRun("gate", Map.of("name", "baseline")));
        JsonNode worse = awaitCompleted(startRun("gate", Map.of("name", "top1", "retrievalMode", "lexical", "topK", 1)));

        assertThat(baseline.path("done").asInt()).isEqualTo(11);
        assertThat(baseline.path("metrics").path("answer_correct").asDouble()).isEqualTo(1.0);
        assertThat(baseline.path("metrics").path("unanswerable_escalated").asDouble()).isEqualTo(1.0);
        assertThat(worse.path("metrics").path("answer_correct").asDouble()).isZero();
        // The variant reached the pipeline as evaluation overrides, with the run's tenant as an admin caller.
        JsonNode worseChat = CHATS.stream()
            .filter(chat -> chat.path("body").path("evaluation").path("topK").asInt(0) == 1)
            .findFirst()
            .orElseThrow();
        assertThat(worseChat.path("body").path("evaluation").path("retrievalMode").asString()).isEqualTo("lexical");
        assertThat(worseChat.path("body").path("knowledgeBase").asString()).isEqualTo("docs");
        assertThat(worseChat.path("authorization").asString()).startsWith("Bearer ");

        JsonNode failed = compare(baseline, worse);
        JsonNode passed = compare(baseline, again);

        assertThat(failed.path("regression").asBoolean()).isTrue();
        assertThat(failed.path("failed_metrics").toString()).contains("answer_correct");
        JsonNode answerCorrect = metric(failed, "answer_correct");
        assertThat(answerCorrect.path("effect").asDouble()).isEqualTo(-1.0);
        assertThat(answerCorrect.path("p_value").asDouble()).isEqualTo(1.0 / 1024);
        assertThat(answerCorrect.path("regressed")).hasSize(10);
        assertThat(passed.path("regression").asBoolean()).isFalse();
        // Retrieval: the single chunk was never an acceptable source.
        assertThat(worse.path("metrics").path("sources_retrieved").asDouble()).isZero();
        assertThat(metric(failed, "sources_retrieved").path("regressed")).hasSize(10);
        assertThat(failed.path("judge").path("mode").asString()).isEqualTo("unavailable");
        // Export: the same lines as ragctl eval answers --save.
        String results = api.get(admin(), "/api/v1/eval/runs/" + worse.path("id").asString() + "/results").getBody();
        assertThat(results.strip().split("\n")).hasSize(11);
        JsonNode line = JSON.readTree(results.strip().split("\n")[0]);
        assertThat(line.has("answer_correct")).isTrue();
        assertThat(line.has("citation_correct")).isTrue();
        assertThat(line.has("escalated")).isTrue();
        assertThat(line.has("confidence")).isTrue();
        JsonNode runs = JSON.readTree(api.get(admin(), "/api/v1/eval/runs").getBody());
        assertThat(runs.path("items")).hasSize(3);
    }

    @Test
    void aRecordedGateVerdictAnswersWhetherAPromptVersionMayBecomeProduction() throws Exception {
        importDataset("prompts", dataset(10), "");
        JsonNode baseline = awaitCompleted(startRun("prompts", Map.of("name", "baseline")));
        JsonNode worse = awaitCompleted(startRun("prompts", Map.of("name", "worse", "promptLabel", "worse")));
        JsonNode same = awaitCompleted(startRun("prompts", Map.of("name", "same", "promptLabel", "same")));

        ResponseEntity<String> failed = api.post(admin(), "/api/v1/eval/gates", Map.of("baseline",
                baseline.path("id").asString(), "candidate", worse.path("id").asString()));
        ResponseEntity<String> passed = api.post(admin(), "/api/v1/eval/gates", Map.of("baseline",
                baseline.path("id").asString(), "candidate", same.path("id").asString()));

        assertThat(failed.getStatusCode().value()).as(failed.getBody()).isEqualTo(201);
        JsonNode failedGate = JSON.readTree(failed.getBody());
        assertThat(failedGate.path("passed").asBoolean()).isFalse();
        assertThat(failedGate.path("promptVersions").toString()).contains("\"version\":2").contains("tenant");
        assertThat(JSON.readTree(passed.getBody()).path("passed").asBoolean()).isTrue();
        // What generation asks before labelling a version production (the contract of EvalApi.PROMPT_GATE).
        JsonNode v2 = JSON.readTree(api.get(admin(), "/api/v1/eval/gates/prompts/answer-system/versions/2?scope=tenant")
            .getBody());
        JsonNode v3 = JSON.readTree(api.get(admin(), "/api/v1/eval/gates/prompts/answer-system/versions/3?scope=tenant")
            .getBody());
        JsonNode globalV2 = JSON.readTree(api.get(admin(),
                "/api/v1/eval/gates/prompts/answer-system/versions/2?scope=global").getBody());
        JsonNode otherTenant = JSON.readTree(http.get()
            .uri("/api/v1/eval/gates/prompts/answer-system/versions/3?scope=tenant")
            .headers(h -> h.setBearerAuth(tokens.mint(new CallerIdentity("t-other-" + UUID.randomUUID(), "admin",
                    Set.of(Roles.ADMIN), Set.of(), null))))
            .retrieve()
            .toEntity(String.class)
            .getBody());
        assertThat(v2.path("status").asString()).isEqualTo("failed");
        assertThat(v2.path("failedMetrics").toString()).contains("answer_correct");
        assertThat(v2.path("summary").asString()).contains("answer_correct").contains("p=");
        assertThat(v2.path("candidateRun").asString()).isEqualTo(worse.path("id").asString());
        assertThat(v3.path("status").asString()).isEqualTo("passed");
        assertThat(globalV2.path("status").asString()).isEqualTo("none");
        assertThat(otherTenant.path("status").asString()).isEqualTo("none");
        assertThat(JSON.readTree(api.get(admin(), "/api/v1/eval/gates").getBody()).path("items")).hasSize(2);
        // Retrieval is scored from the chunks the pipeline reported.
        assertThat(baseline.path("metrics").path("sources_retrieved").asDouble()).isEqualTo(1.0);
        ResponseEntity<String> missing = api.post(admin(), "/api/v1/eval/gates", Map.of("baseline",
                baseline.path("id").asString()));
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aRunOfABeirDatasetSearchesThroughRetrievalAndReportsNdcgRecallAndMrr() throws Exception {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("queries", file("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"first beir query\"}\n"
                + "{\"_id\": \"q2\", \"text\": \"second beir query\"}\n"));
        parts.add("qrels", file("test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t1\n"));
        ResponseEntity<String> imported = http.post()
            .uri("/api/v1/eval/datasets/scifact-mini/beir?knowledgeBase=beir-mini")
            .headers(h -> h.setBearerAuth(admin()))
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(parts)
            .retrieve()
            .toEntity(String.class);
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(201);

        JsonNode run = awaitCompleted(startRun("scifact-mini", Map.of("name", "beir-full")));

        // q1 finds d1 first (nDCG 1, MRR 1); q2 finds d3 second (nDCG 1/log2(3) = 0.6309, MRR 0.5); both recall 1.
        assertThat(run.path("metrics").path("queries").asInt()).isEqualTo(2);
        assertThat(run.path("metrics").path("ndcg_at_10").asDouble())
            .as(api.get(admin(), "/api/v1/eval/runs/" + run.path("id").asString() + "/results").getBody())
            .isEqualTo(0.8155);
        assertThat(run.path("metrics").path("recall_at_100").asDouble()).isEqualTo(1.0);
        assertThat(run.path("metrics").path("mrr_at_10").asDouble()).isEqualTo(0.75);
        assertThat(SEARCHES).hasSize(2);
        assertThat(SEARCHES.getFirst().path("knowledgeBase").asString()).isEqualTo("beir-mini");
        assertThat(SEARCHES.getFirst().path("topK").asInt()).isEqualTo(100);
        ResponseEntity<String> compared = api.get(admin(), "/api/v1/eval/comparisons?baseline="
                + run.path("id").asString() + "&candidate=" + run.path("id").asString());
        assertThat(compared.getStatusCode().value()).isEqualTo(400);
    }

    private static ByteArrayResource file(String name, String content) {
        return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    @Test
    void aRunResumesAfterARestartAskingOnlyItsUnansweredItemsOnce() throws Exception {
        importDataset("resume", dataset(3), "");
        // A run whose worker died after two items: still 'running', its lease long expired.
        UUID id = insertRun("resume", "running");
        for (String key : List.of("a0", "a1")) {
            jdbc.sql("UPDATE run_items SET status = 'done', result = CAST(:r AS jsonb) WHERE run_id = :id AND item_key = :k")
                .param("r", "{\"id\":\"" + key + "\",\"type\":\"answerable\",\"answer_correct\":true,"
                        + "\"citation_correct\":true,\"escalated\":false,\"confidence\":0.9}")
                .param("id", id)
                .param("k", key)
                .update();
        }
        JsonNode run = JSON.readTree("{\"id\":\"" + id + "\"}");
        long before = CHATS.size();
        jdbc.sql("UPDATE runs SET lease_until = now() - interval '1 minute' WHERE id = :id").param("id", id).update();

        JsonNode completed = awaitCompleted(run);

        assertThat(completed.path("done").asInt()).isEqualTo(4);
        assertThat(CHATS.size() - before).isEqualTo(2);
        assertThat(CHATS.subList((int) before, CHATS.size())).extracting(chat -> chat.path("body").path("message").asString())
            .containsExactly("Question 2?", "Do you ship to Mars?");
    }

    @Test
    void badRunRequestsAreProblemsAndOnlyAdminsStartRuns() throws Exception {
        importDataset("small", dataset(1), "");

        ResponseEntity<String> unknown = api.post(admin(), "/api/v1/eval/runs", Map.of("dataset", "nope", "variant",
                Map.of("name", "x")));
        ResponseEntity<String> badMode = api.post(admin(), "/api/v1/eval/runs", Map.of("dataset", "small", "variant",
                Map.of("name", "x", "retrievalMode", "psychic")));
        ResponseEntity<String> noVariant = api.post(admin(), "/api/v1/eval/runs", Map.of("dataset", "small"));
        ResponseEntity<String> agent = api.post(token(Roles.AGENT), "/api/v1/eval/runs", Map.of("dataset", "small",
                "variant", Map.of("name", "x")));
        ResponseEntity<String> missingRun = api.get(admin(), "/api/v1/eval/runs/" + UUID.randomUUID());

        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.getBody()).path("type").asString())
            .isEqualTo("urn:supportrag:problem:dataset-not-found");
        assertThat(badMode.getStatusCode().value()).isEqualTo(400);
        assertThat(JSON.readTree(badMode.getBody()).path("detail").asString()).contains("variant.retrievalMode");
        assertThat(noVariant.getStatusCode().value()).isEqualTo(400);
        assertThat(agent.getStatusCode().value()).isEqualTo(403);
        assertThat(missingRun.getStatusCode().value()).isEqualTo(404);
        UUID failed = insertRun("small", "failed");
        ResponseEntity<String> notCompleted = api.get(admin(), "/api/v1/eval/comparisons?baseline=" + failed
                + "&candidate=" + failed);
        assertThat(notCompleted.getStatusCode().value()).isEqualTo(409);
        assertThat(JSON.readTree(notCompleted.getBody()).path("type").asString())
            .isEqualTo("urn:supportrag:problem:run-not-completed");
        assertThat(JSON.readTree(api.get(token(Roles.AGENT), "/api/v1/eval/runs").getBody()).path("status").asInt())
            .isEqualTo(403);
    }

    /** A run written directly, as a worker would have left it; its lease far in the future until a test moves it. */
    private UUID insertRun(String dataset, String status) {
        UUID datasetId = jdbc.sql("SELECT id FROM datasets WHERE tenant_id = :t AND name = :n ORDER BY version DESC LIMIT 1")
            .param("t", tenant)
            .param("n", dataset)
            .query(UUID.class)
            .single();
        UUID id = UUID.randomUUID();
        List<String> keys = jdbc.sql("SELECT item_key FROM dataset_items WHERE dataset_id = :d ORDER BY position")
            .param("d", datasetId)
            .query(String.class)
            .list();
        jdbc.sql("""
                INSERT INTO runs (id, tenant_id, dataset_id, variant_name, variant, status, total, created_by,
                                  lease_until)
                VALUES (:id, :t, :d, 'direct', '{"name": "direct"}', :s, :n, 'test', now() + interval '1 hour')
                """)
            .param("id", id)
            .param("t", tenant)
            .param("d", datasetId)
            .param("s", status)
            .param("n", keys.size())
            .update();
        for (int i = 0; i < keys.size(); i++) {
            jdbc.sql("INSERT INTO run_items (run_id, item_key, position, status) VALUES (:r, :k, :p, 'pending')")
                .param("r", id)
                .param("k", keys.get(i))
                .param("p", i)
                .update();
        }
        return id;
    }

    private JsonNode metric(JsonNode verdict, String name) {
        for (JsonNode metric : verdict.path("metrics")) {
            if (metric.path("metric").asString().equals(name)) {
                return metric;
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private JsonNode compare(JsonNode baseline, JsonNode candidate) throws Exception {
        ResponseEntity<String> response = api.get(admin(), "/api/v1/eval/comparisons?baseline="
                + baseline.path("id").asString() + "&candidate=" + candidate.path("id").asString());
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    private JsonNode startRun(String dataset, Map<String, Object> variant) throws Exception {
        ResponseEntity<String> response = api.post(admin(), "/api/v1/eval/runs", Map.of("dataset", dataset,
                "variant", variant));
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(202);
        return JSON.readTree(response.getBody());
    }

    private JsonNode awaitCompleted(JsonNode run) {
        return await().atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .alias("run " + run.path("id").asString() + " completed")
            .until(() -> JSON.readTree(api.get(admin(), "/api/v1/eval/runs/" + run.path("id").asString()).getBody()),
                    current -> current.path("status").asString().equals("completed"));
    }

    private ResponseEntity<String> importDataset(String name, String body, String query) {
        return http.post()
            .uri("/api/v1/eval/datasets/" + name + query)
            .headers(h -> h.setBearerAuth(admin()))
            .contentType(MediaType.parseMediaType("application/jsonl"))
            .body(body)
            .retrieve()
            .toEntity(String.class);
    }

    private String admin() {
        return token(Roles.ADMIN);
    }

    private String token(String role) {
        return tokens.mint(new CallerIdentity(tenant, "user-" + role, Set.of(role), Set.of(), null));
    }

    /** {@code answerable} answerable cases ("Question i?", fact "answer i") and one unanswerable case. */
    private static String dataset(int answerable) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < answerable; i++) {
            lines.append("{\"id\": \"a").append(i).append("\", \"type\": \"answerable\", \"turns\": [\"Question ")
                .append(i).append("?\"], \"facts\": [\"answer ").append(i).append("\\\\b\"], \"sources\": [\"kb/")
                .append(i).append(".md\"]}\n");
        }
        lines.append("{\"id\": \"u1\", \"type\": \"unanswerable\", \"turns\": [\"Do you ship to Mars?\"]}\n");
        return lines.toString();
    }

    /**
     * Answers "The answer i [1]." citing kb/i.md; declines unanswerable questions; with evaluation topK 1 answers
     * something unhelpful instead.
     */
    private static HttpServer startGeneration() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // Retrieval for BEIR runs: "first" finds d1 then d2, anything else d4 then d3 (files <id>.txt).
            server.createContext("/api/v1/search", exchange -> {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                SEARCHES.add(body);
                List<String> docs = body.path("query").asString().startsWith("first") ? List.of("d1", "d2")
                        : List.of("d4", "d3");
                List<Map<String, Object>> hits = new java.util.ArrayList<>();
                for (int i = 0; i < docs.size(); i++) {
                    hits.add(Map.of("chunkId", UUID.randomUUID().toString(), "documentId",
                            UUID.randomUUID().toString(), "title", docs.get(i), "sourceUri", docs.get(i) + ".txt",
                            "text", "text", "score", 0.9 - i * 0.1, "rank", i + 1));
                }
                byte[] bytes = JSON.writeValueAsString(Map.of("knowledgeBase", body.path("knowledgeBase").asString(),
                        "results", hits, "contextTokens", 0, "tokensSaved", 0)).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.createContext("/api/v1/chat", exchange -> {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                CHATS.add(JSON.valueToTree(Map.of("body", body, "authorization",
                        String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")))));
                String message = body.path("message").asString();
                String label = body.path("evaluation").path("promptLabel").asString("production");
                boolean sabotaged = body.path("evaluation").path("topK").asInt(0) == 1 || label.equals("worse");
                String number = message.replaceAll("\\D", "");
                String answer;
                double confidence;
                if (message.contains("Mars")) {
                    answer = "I'm sorry, I don't know that; our help center does not cover it.";
                    confidence = 0.2;
                }
                else if (sabotaged) {
                    answer = "Please see our help center [1].";
                    confidence = 0.8;
                }
                else {
                    answer = "The answer " + number + " is in our help center [1].";
                    confidence = 0.9;
                }
                // Like generation for evaluation calls: the prompt versions (label "worse" is tenant version 2,
                // "same" tenant version 3, else global version 1) and the retrieved chunks (the right one unless
                // the variant retrieves a single chunk).
                int version = label.equals("worse") ? 2 : label.equals("same") ? 3 : 1;
                Map<String, Object> evaluation = Map.of("promptVersions", List.of(Map.of("name", "answer-system",
                        "scope", version == 1 ? "global" : "tenant", "version", version, "label", label)),
                        "retrieved", List.of(Map.of("title", "Doc", "url", body.path("evaluation").path("topK")
                            .asInt(0) == 1 ? "kb/other.md" : "kb/" + number + ".md", "score", 0.8)));
                String response = JSON.writeValueAsString(Map.of("conversationId", UUID.randomUUID().toString(),
                        "answer", answer, "citations", List.of(Map.of("index", 1, "title", "Doc " + number, "url",
                                "kb/" + number + ".md", "snippet", "The answer " + number + " is in our help center.")),
                        "confidence", confidence, "escalated", false, "flags", List.of(), "model", "stub",
                        "usage", Map.of("promptTokens", 10, "completionTokens", 5, "costUsd", 0.0001),
                        "evaluation", evaluation));
                byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
