package org.supportrag.ragctl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.supportrag.ragctl.InProcess.Run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.ragctl.InProcess.execute;

/** Runs {@code eval beir} against a small gateway stand-in over real HTTP. */
class BeirEvaluationTests {

    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]+)\"");

    private final List<String> uploadedNames = new CopyOnWriteArrayList<>();
    private final List<String> uploadPaths = new CopyOnWriteArrayList<>();
    private final List<JsonNode> searches = new CopyOnWriteArrayList<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @TempDir
    Path dataset;

    @BeforeEach
    void startGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/knowledge-bases/", exchange -> {
            apiKeys.add(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            if (exchange.getRequestMethod().equals("GET")) {
                // The upload's ingestion job, already done.
                respond(exchange, 200, "{\"status\":\"completed\",\"progress\":{\"filesDone\":" + uploadedNames.size()
                        + "},\"created\":" + uploadedNames.size() + ",\"updated\":0,\"unchanged\":0,\"failed\":0,"
                        + "\"documents\":[]}");
                return;
            }
            uploadPaths.add(exchange.getRequestURI().getPath());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher names = FILE_NAME.matcher(body);
            int files = 0;
            while (names.find()) {
                uploadedNames.add(names.group(1));
                files++;
            }
            respond(exchange, 202, "{\"jobUrl\":\"/api/v1/knowledge-bases/x/jobs/" + files + "\",\"status\":\"queued\"}");
        });
        server.createContext("/api/v1/search", exchange -> {
            apiKeys.add(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            JsonNode request = GatewayClient.JSON.readTree(exchange.getRequestBody());
            searches.add(request);
            // q1 finds the relevant d1 second; q2 finds d3 first, twice (two chunks of one document).
            String results = switch (request.path("query").asString()) {
                case "first question" -> hit("d2.txt") + "," + hit("d1.txt");
                case "second question" -> hit("d3.txt") + "," + hit("d3.txt") + "," + hit("guide.md");
                default -> "";
            };
            respond(exchange, 200, "{\"knowledgeBase\":\"x\",\"results\":[" + results
                    + "],\"contextTokens\":40,\"tokensSaved\":10}");
        });
        server.start();
        Files.writeString(dataset.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "One", "text": "First document."}
                {"_id": "d2", "title": "Two", "text": "Second document."}
                {"_id": "d3", "text": "Third document, no title."}
                """);
        Files.writeString(dataset.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "first question"}
                {"_id": "q2", "text": "second question", "metadata": {"context": [{"speaker": "U", "text": "hi"}]}}
                {"_id": "q3", "text": "not in the split"}
                """);
        Files.createDirectories(dataset.resolve("qrels"));
        Files.writeString(dataset.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t1\n");
    }

    @AfterEach
    void stopGateway() {
        server.stop(0);
    }

    @Test
    void ingestsTheCorpusSearchesTheSplitAndPrintsTheStandardMetricsAsJson() {
        Run run = execute("eval", "beir", dataset.toString(), "--mode", "hybrid", "--json", "--api-key", "admin-k",
                "--url", "http://127.0.0.1:" + server.getAddress().getPort());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(uploadedNames).containsExactly("d1.txt", "d2.txt", "d3.txt");
        assertThat(uploadPaths).singleElement().asString()
            .matches("/api/v1/knowledge-bases/beir-junit[a-z0-9-]*-[0-9a-f]{8}/documents");
        assertThat(apiKeys).containsOnly("admin-k");
        assertThat(searches).extracting(search -> search.path("query").asString())
            .containsExactly("first question", "second question");
        assertThat(searches).allSatisfy(search -> {
            assertThat(search.path("topK").asInt()).isEqualTo(100);
            assertThat(search.path("mode").asString()).isEqualTo("hybrid");
        });
        String[] lines = run.out().strip().split("\n");
        JsonNode result = GatewayClient.JSON.readTree(lines[lines.length - 1]);
        assertThat(result.propertyNames()).containsExactly("dataset", "split", "mode", "queries", "ndcg@10",
                "recall@100", "mrr@10", "p50_ms", "p95_ms", "context_tokens", "tokens_saved");
        assertThat(result.path("context_tokens").asInt()).isEqualTo(80);
        assertThat(result.path("tokens_saved").asInt()).isEqualTo(20);
        // q2's metadata.context goes along as history, speaker U as the user.
        assertThat(searches.get(0).has("history")).isFalse();
        assertThat(searches.get(1).path("history").toString())
            .isEqualTo("[{\"speaker\":\"user\",\"text\":\"hi\"}]");
        assertThat(result.path("split").asString()).isEqualTo("test");
        assertThat(result.path("mode").asString()).isEqualTo("hybrid");
        assertThat(result.path("queries").asInt()).isEqualTo(2);
        // q1: relevant at rank 2 -> nDCG 1/log2(3) = 0.6309, RR 0.5; q2: rank 1 -> 1 and 1.
        assertThat(result.path("ndcg@10").asDouble()).isEqualTo(0.8155);
        assertThat(result.path("recall@100").asDouble()).isEqualTo(1.0);
        assertThat(result.path("mrr@10").asDouble()).isEqualTo(0.75);
        assertThat(result.path("p95_ms").asDouble()).isGreaterThanOrEqualTo(result.path("p50_ms").asDouble());
    }

    @Test
    void sendsNoHistoryWithNoHistory() {
        Run run = execute("eval", "beir", dataset.toString(), "--no-history", "--url",
                "http://127.0.0.1:" + server.getAddress().getPort());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(searches).hasSize(2).noneMatch(search -> search.has("history"));
    }

    @Test
    void fullModeLeavesTheModeToTheServiceAndLimitCutsTheQueries() {
        Run run = execute("eval", "beir", dataset.toString(), "--limit", "1", "--url",
                "http://127.0.0.1:" + server.getAddress().getPort());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(searches).singleElement().satisfies(search -> assertThat(search.has("mode")).isFalse());
        assertThat(run.out()).contains("mode=full queries=1").contains("nDCG@10 0.6309");
    }

    @Test
    void failsWithTheProblemTitleWhenTheGatewayRefusesTheKey() {
        server.removeContext("/api/v1/knowledge-bases/");
        server.createContext("/api/v1/knowledge-bases/", exchange -> respond(exchange, 401,
                "{\"type\":\"urn:supportrag:problem:invalid-api-key\",\"title\":\"Invalid API key\",\"status\":401}"));

        Run run = execute("eval", "beir", dataset.toString(), "--url",
                "http://127.0.0.1:" + server.getAddress().getPort());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 401 Invalid API key");
        assertThat(searches).isEmpty();
    }

    private static String hit(String sourceUri) {
        return "{\"chunkId\":\"00000000-0000-0000-0000-000000000001\",\"documentId\":"
                + "\"00000000-0000-0000-0000-000000000002\",\"title\":\"t\",\"sourceUri\":\"" + sourceUri
                + "\",\"text\":\"x\",\"score\":0.5,\"rank\":1}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
