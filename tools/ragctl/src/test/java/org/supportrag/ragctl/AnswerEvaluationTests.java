package org.supportrag.ragctl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.supportrag.ragctl.InProcess.Run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.ragctl.InProcess.execute;

/** Runs {@code eval answers} against a chat API stand-in over real HTTP, and {@code eval compare} on its output. */
class AnswerEvaluationTests {

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger rateLimited = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void startGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/chat", exchange -> {
            JsonNode request = GatewayClient.JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            String message = request.path("message").asString();
            if (message.contains("busy") && rateLimited.getAndIncrement() == 0) {
                // The gateway's rate limit: the first try of this message is refused.
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                return;
            }
            String conversation = request.path("conversationId").asString("c-" + requests.size());
            String sse;
            if (message.contains("Mars")) {
                sse = event("meta", "{\"conversationId\":\"" + conversation + "\"}")
                        + event("token", "{\"text\":\"I don't know, sorry.\"}")
                        + event("done", "{\"confidence\":0.2,\"escalated\":false,\"flags\":[],\"model\":\"m\","
                                + "\"usage\":{\"promptTokens\":10,\"completionTokens\":3,\"costUsd\":0.001}}");
            }
            else {
                sse = event("meta", "{\"conversationId\":\"" + conversation + "\"}")
                        + event("token", "{\"text\":\"Refunds take 10 days [1]. \"}")
                        + event("token", "{\"text\":\"See also [2].\"}")
                        + event("citation", "{\"index\":1,\"title\":\"Refunds\",\"url\":"
                                + "\"help-center/refunds.md#timing\",\"snippet\":\"Refunds take 10 days.\"}")
                        + event("done", "{\"confidence\":0.9,\"escalated\":false,\"flags\":[\"pii_redacted\"],"
                                + "\"model\":\"m\",\"usage\":{\"promptTokens\":100,\"completionTokens\":20,"
                                + "\"costUsd\":0.002}}");
            }
            byte[] body = sse.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopGateway() {
        server.stop(0);
    }

    @Test
    void asksEveryCaseInItsOwnConversationTurnByTurnAndPrintsTheMetricsAsTheLastLine() throws Exception {
        Path dataset = Files.writeString(dir.resolve("demo.jsonl"), """
                {"id": "a1", "type": "answerable", "turns": ["How long do refunds take?"], "facts": ["10 days"], "sources": ["help-center/refunds.md"]}
                {"id": "m1", "type": "multiturn", "turns": ["I want a refund.", "How long?"], "facts": ["\\\\b10\\\\b"], "sources": ["help-center/other.md"]}
                {"id": "u1", "type": "unanswerable", "turns": ["Do you ship to Mars?"]}
                """);
        Path saved = dir.resolve("results.jsonl");

        Run run = execute("eval", "answers", dataset.toString(), "--kb", "docs", "--save", saved.toString(),
                "--json", "--url", url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(requests).hasSize(4);
        assertThat(requests).allSatisfy(r -> assertThat(r.path("knowledgeBase").asString()).isEqualTo("docs"));
        // The multiturn case's second turn continues the conversation its first turn started; others start anew.
        assertThat(requests.get(1).has("conversationId")).isFalse();
        assertThat(requests.get(2).path("conversationId").asString()).isEqualTo("c-2");
        assertThat(requests.get(3).has("conversationId")).isFalse();
        String[] lines = run.out().strip().split("\n");
        JsonNode summary = GatewayClient.JSON.readTree(lines[lines.length - 1]);
        assertThat(summary.path("dataset").asString()).isEqualTo("demo");
        assertThat(summary.path("cases").asInt()).isEqualTo(3);
        assertThat(summary.path("answer_correct").asDouble()).isEqualTo(1.0);
        assertThat(summary.path("citation_correct").asDouble()).isEqualTo(0.5);
        assertThat(summary.path("unanswerable_escalated").asDouble()).isEqualTo(1.0);
        assertThat(summary.path("false_handovers").asInt()).isZero();
        assertThat(summary.path("wrongly_escalated").asInt()).isZero();
        assertThat(summary.path("dangling_citations").asInt()).isEqualTo(2);
        // Both turns of the multiturn case are paid for.
        assertThat(summary.path("cost_usd").asDouble()).isEqualTo(0.007);
        assertThat(summary.has("p50_ms")).isTrue();
        assertThat(summary.has("p95_ms")).isTrue();
        List<String> results = Files.readAllLines(saved);
        assertThat(results).hasSize(3);
        JsonNode unanswerable = GatewayClient.JSON.readTree(results.get(2));
        assertThat(unanswerable.path("id").asString()).isEqualTo("u1");
        assertThat(unanswerable.path("type").asString()).isEqualTo("unanswerable");
        assertThat(unanswerable.get("answer_correct").isNull()).isTrue();
        assertThat(unanswerable.get("citation_correct").isNull()).isTrue();
        assertThat(unanswerable.path("escalated").asBoolean()).isFalse();
        assertThat(unanswerable.path("confidence").asDouble()).isEqualTo(0.2);
        assertThat(unanswerable.path("declined").asBoolean()).isTrue();
    }

    @Test
    void aRateLimitedTurnIsAskedAgainAfterRetryAfter() throws Exception {
        Path dataset = Files.writeString(dir.resolve("busy.jsonl"),
                "{\"id\": \"b1\", \"type\": \"answerable\", \"turns\": [\"busy: how long do refunds take?\"], "
                        + "\"facts\": [\"10 days\"]}\n");

        Run run = execute("eval", "answers", dataset.toString(), "--json", "--url", url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(requests).hasSize(2);
        String[] lines = run.out().strip().split("\n");
        assertThat(GatewayClient.JSON.readTree(lines[lines.length - 1]).path("answer_correct").asDouble()).isEqualTo(1.0);
        assertThat(GatewayClient.JSON.readTree(lines[lines.length - 1]).path("errors").asInt()).isZero();
    }

    @Test
    void anInvalidDatasetFailsWithTheLineBeforeAskingAnything() throws Exception {
        Path dataset = Files.writeString(dir.resolve("bad.jsonl"),
                "{\"id\": \"a\", \"type\": \"answerable\", \"turns\": [\"q\"]}\n{\"id\": \"b\", \"type\": \"sure\"}\n");

        Run run = execute("eval", "answers", dataset.toString(), "--url", url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("bad.jsonl line 2: unknown type 'sure'");
        assertThat(requests).isEmpty();
    }

    @Test
    void compareExitsZeroForTheSameRunThreeForARegressionAndOneForWrongInput() throws Exception {
        Path good = dir.resolve("good.jsonl");
        Path bad = dir.resolve("bad.jsonl");
        StringBuilder goodLines = new StringBuilder();
        StringBuilder badLines = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            goodLines.append(result("a" + i, true)).append('\n');
            badLines.append(result("a" + i, i >= 8)).append('\n');
        }
        Files.writeString(good, goodLines);
        Files.writeString(bad, badLines);

        Run same = execute("eval", "compare", good.toString(), good.toString(), "--json");
        Run worse = execute("eval", "compare", good.toString(), bad.toString());
        Run better = execute("eval", "compare", bad.toString(), good.toString());
        Run floor = execute("eval", "compare", good.toString(), good.toString(), "--floor", "answer_correct=1.01");
        Run mismatched = execute("eval", "compare", good.toString(),
                Files.writeString(dir.resolve("one.jsonl"), result("a0", true)).toString());
        Run garbage = execute("eval", "compare", good.toString(),
                Files.writeString(dir.resolve("garbage.jsonl"), "{\"id\": \"a0\"}\n").toString());
        Run missing = execute("eval", "compare", good.toString(), dir.resolve("nope.jsonl").toString());

        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).contains("no significant regression");
        assertThat(GatewayClient.JSON.readTree(same.out().strip().substring(same.out().strip().lastIndexOf('\n') + 1))
            .path("regression").asBoolean()).isFalse();
        assertThat(worse.exitCode()).isEqualTo(3);
        assertThat(worse.err()).contains("regression in answer_correct: effect -0.667, p=0.0039")
            .contains("worse: a0 a1 a2 a3 a4 a5 a6 a7");
        assertThat(better.exitCode()).isZero();
        assertThat(floor.exitCode()).isEqualTo(3);
        assertThat(mismatched.exitCode()).isEqualTo(1);
        assertThat(mismatched.err()).contains("not of the same cases");
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.err()).contains("garbage.jsonl line 1: missing or unknown 'type'");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read");
    }

    private static String result(String id, boolean correct) {
        return "{\"id\":\"" + id + "\",\"type\":\"answerable\",\"answer_correct\":" + correct
                + ",\"citation_correct\":true,\"escalated\":false,\"confidence\":0.9}";
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
