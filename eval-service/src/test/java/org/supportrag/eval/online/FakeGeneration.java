package org.supportrag.eval.online;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.sampling.Sampling;
import org.supportrag.eval.generation.LoggedTurn;

/**
 * A generation-compatible HTTP server for eval's tests: serves the interaction log and conversations of the
 * tenant named in the bearer token, from turns the test adds. Generation's own read API is tested in generation.
 */
public final class FakeGeneration implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, List<LoggedTurn>> turns = new ConcurrentHashMap<>();
    private final Map<UUID, List<Map<String, Object>>> conversations = new ConcurrentHashMap<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger sampledPages = new AtomicInteger();

    public FakeGeneration() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        server.createContext("/api/v1/interaction-log", this::interactionLog);
        server.createContext("/api/v1/conversations/", this::conversation);
        server.createContext("/api/v1/chat", this::chat);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-generation");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeGeneration add(String tenant, LoggedTurn turn) {
        turns.computeIfAbsent(tenant, key -> new CopyOnWriteArrayList<>()).add(turn);
        return this;
    }

    /** A conversation's messages as generation's staff view has them: {@code messageId, role, content}. */
    public FakeGeneration conversation(UUID id, List<Map<String, Object>> messages) {
        conversations.put(id, messages);
        return this;
    }

    public List<String> tokens() {
        return tokens;
    }

    /** How many interaction-log pages were asked for with a sample (generation selects the sampled turns). */
    public int sampledPages() {
        return sampledPages.get();
    }

    public static LoggedTurn turn(UUID conversation, String knowledgeBase, Instant at, String question,
            String answer, double confidence, double topScore, boolean escalated, List<String> flags, String arm,
            double cost) {
        return new LoggedTurn(UUID.randomUUID(), conversation, knowledgeBase, at, question, answer, confidence,
                topScore, escalated, escalated ? List.of("low_confidence") : List.of(),
                !escalated && confidence < 0.5, flags, arm, "primary", cost,
                List.of(Map.of("index", 1, "documentId", UUID.randomUUID().toString(), "title", "Refund policy",
                        "url", "help-center/refunds.md")));
    }

    private void interactionLog(HttpExchange exchange) throws IOException {
        String tenant = tenant(exchange);
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.endsWith("/tenants")) {
            write(exchange, 200, Map.of("tenants", new ArrayList<>(turns.keySet())));
            return;
        }
        List<LoggedTurn> mine = turns.getOrDefault(tenant, List.of());
        String rest = path.substring("/api/v1/interaction-log".length());
        if (rest.length() > 1) {
            UUID id = UUID.fromString(rest.substring(1));
            mine.stream().filter(turn -> turn.messageId().equals(id)).findFirst().ifPresentOrElse(
                    turn -> write(exchange, 200, turn),
                    () -> write(exchange, 404, Map.of("type", "urn:supportrag:problem:interaction-not-found")));
            return;
        }
        Instant since = Instant.parse(query.get("since"));
        Instant until = Instant.parse(query.get("until"));
        String kb = query.get("knowledgeBase");
        String sample = query.get("sample");
        double rate = sample == null ? 1 : Double.parseDouble(query.get("rate"));
        if (sample != null) {
            sampledPages.incrementAndGet();
        }
        List<LoggedTurn> page = mine.stream()
            .filter(turn -> !turn.createdAt().isBefore(since) && turn.createdAt().isBefore(until))
            .filter(turn -> kb == null || kb.equals(turn.knowledgeBase()))
            .filter(turn -> sample == null || Sampling.selected(sample, turn.messageId(), rate))
            .sorted(java.util.Comparator.comparing(LoggedTurn::createdAt))
            .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        body.put("next", null);
        write(exchange, 200, body);
    }

    private void conversation(HttpExchange exchange) {
        UUID id = UUID.fromString(exchange.getRequestURI().getPath().substring("/api/v1/conversations/".length()));
        List<Map<String, Object>> messages = conversations.get(id);
        if (messages == null) {
            write(exchange, 404, Map.of("type", "urn:supportrag:problem:conversation-not-found"));
            return;
        }
        write(exchange, 200, Map.of("conversationId", id, "messages", messages));
    }

    private String tenant(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = header.substring("Bearer ".length());
        tokens.add(token);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return claims.get("tenant").stringValue();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /**
     * An evaluation run's chat turn: "The answer N is in our help center [1]." citing kb/N.md, marked GOOD, or BAD
     * when the variant's prompt label is {@code bad} (facts and citations stay the same: only a judge tells them
     * apart).
     */
    private void chat(HttpExchange exchange) throws IOException {
        tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        tools.jackson.databind.JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String number = body.path("message").asString().replaceAll("\\D", "");
        boolean bad = "bad".equals(body.path("evaluation").path("promptLabel").asString(""));
        write(exchange, 200, Map.of("conversationId", UUID.randomUUID().toString(), "answer",
                "The answer " + number + " is in our help center [1]. " + (bad ? "BAD" : "GOOD"), "citations",
                List.of(Map.of("index", 1, "title", "Doc " + number, "url", "kb/" + number + ".md", "snippet",
                        "The answer " + number + " is in our help center.")),
                "confidence", 0.9, "escalated", false, "flags", List.of(), "model", "stub", "usage",
                Map.of("promptTokens", 10, "completionTokens", 5, "costUsd", 0.0)));
    }

    private static void write(HttpExchange exchange, int status, Object body) {
        try (exchange) {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
