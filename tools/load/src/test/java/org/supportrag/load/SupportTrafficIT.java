package org.supportrag.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatling.app.Gatling$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulation for a few seconds against a fake gateway (the JDK's HTTP server): every third turn ends with an
 * {@code error} event, every fifth other one breaks off after its first token (its answer stored for the
 * conversation, as when a gateway replica dies mid-stream), the others end with {@code done}, one in four of those
 * escalated; the generator must count each as the customer saw it (the broken-off one answered once it fetched the
 * stored answer, as the widget does) and write one line per turn.
 */
class SupportTrafficIT {

    private final AtomicInteger turns = new AtomicInteger();

    // conversation id -> the message id of its broken-off answer, "stored" by the fake.
    private final Map<String, String> broken = new ConcurrentHashMap<>();

    // message id -> sends of its vote: the first is answered 503, the next stores it.
    private final Map<String, Integer> votes = new ConcurrentHashMap<>();

    @Test
    void countsAnsweredEscalatedAndFailedTurnsAsTheCustomersSawThem(@TempDir Path output) throws Exception {
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        gateway.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        gateway.createContext("/", this::answer);
        gateway.start();
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            System.setProperty("load.base-url", url);
            System.setProperty("load.conversations", "3");
            System.setProperty("load.duration-s", "6");
            System.setProperty("load.think-ms", "200");
            System.setProperty("load.ingest-every-s", "1");
            System.setProperty("load.turn-timeout-s", "8");
            System.setProperty("load.output", output.toString());
            System.setProperty("load.feedback-share", "1");

            int status = Gatling$.MODULE$.fromArgs(new String[] { "-s", SupportTraffic.class.getName(), "-rf",
                    output.resolve("gatling").toString(), "-nr" });

            assertThat(status).isZero();
            JsonNode summary = Outcomes.JSON.readTree(output.resolve("summary.json").toFile());
            int answered = summary.path("answered").intValue();
            int escalated = summary.path("escalated").intValue();
            int failed = summary.path("failed").intValue();
            assertThat(answered).isPositive();
            assertThat(escalated).isPositive();
            assertThat(failed).isPositive();
            assertThat(answered + escalated + failed).isEqualTo(summary.path("turns").intValue());
            assertThat(summary.path("failures").path("urn:supportrag:problem:test").intValue()).isEqualTo(failed);
            assertThat(summary.path("ttft_p50_ms").doubleValue()).isPositive();
            assertThat(summary.path("requests").path("upload document").path("ok").intValue()).isPositive();
            assertThat(Files.readAllLines(output.resolve("turns.jsonl"))).hasSize(summary.path("turns").intValue());
            assertThat(broken).as("streams broken off").isNotEmpty();
            assertThat(summary.path("requests").path("turn recovered from the stored conversation").path("ok")
                .intValue()).isEqualTo(broken.size());
            assertThat(summary.path("failures").has(SupportTraffic.NO_END_AFTER_META)).isFalse();
            assertThat(summary.path("failures").has(SupportTraffic.NO_EVENT)).isFalse();
            // Every vote's first send met a 503 (eval restarting): sent again, and stored once per vote.
            assertThat(summary.path("feedback_retried").intValue()).isPositive();
            assertThat(summary.path("feedback_sent").intValue()).isPositive();
            // A vote whose retry time ran out (the run's end, here a few seconds) is lost, not sent.
            assertThat(summary.path("feedback_sent").intValue() + summary.path("feedback_lost").intValue())
                .isEqualTo(votes.size());
            assertThat(summary.path("feedback_refused").intValue()).isZero();
        }
        finally {
            gateway.stop(0);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/v1/chat")) {
            int turn = this.turns.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            String conversationId = UUID.randomUUID().toString();
            String messageId = UUID.randomUUID().toString();
            String end = turn % 3 == 0
                    ? "event: error\ndata: {\"type\":\"urn:supportrag:problem:test\",\"status\":503}\n\n"
                    : turn % 5 == 0 ? ""
                    : "event: done\ndata: {\"escalated\":" + (turn % 4 == 0) + ",\"flags\":[]}\n\n";
            if (end.isEmpty()) {
                broken.put(conversationId, messageId);
            }
            String events = "event: meta\ndata: {\"conversationId\":\"" + conversationId + "\",\"messageId\":\""
                    + messageId + "\"}\n\nevent: token\ndata: {\"text\":\"Hello\"}\n\n" + end;
            exchange.getResponseBody().write(events.getBytes(StandardCharsets.UTF_8));
        }
        else if (path.startsWith("/api/v1/conversations/") && broken.containsKey(path.substring(22))) {
            send(exchange, 200, "{\"escalation\":null,\"messages\":[{\"messageId\":\"" + broken.get(path.substring(22))
                    + "\",\"role\":\"assistant\",\"content\":\"Hello there\"}]}");
        }
        else if (path.endsWith("/documents")) {
            exchange.getResponseHeaders().set("Location", "/jobs/1");
            send(exchange, 202, "{\"status\":\"queued\"}");
        }
        else if (path.equals("/jobs/1")) {
            send(exchange, 200, "{\"status\":\"completed\"}");
        }
        else if (path.equals("/api/v1/escalations")) {
            send(exchange, 200, "{\"items\":[]}");
        }
        else if (path.endsWith("/feedback")) {
            String message = body.replaceAll(".*\"messageId\":\"([^\"]+)\".*", "$1");
            boolean first = votes.merge(message, 1, Integer::sum) == 1;
            send(exchange, first ? 503 : 201, "{}");
        }
        else {
            send(exchange, 200, "{}");
        }
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
