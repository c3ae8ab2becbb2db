package org.supportrag.generation.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.eval.v1.EvalApi;
import org.supportrag.contracts.eval.v1.PromptGateStatus;

/**
 * A real HTTP server answering eval's prompt-gate contract with the verdicts a test chose per
 * {@code tenant/name/version} (missing: status none), recording every question as
 * {@code "<tenant> <name> <version> <scope>"}. The tenant comes from the caller's internal token, as in eval-service
 * (read from the token's claims without checking them: the real service verifies them); none: 401.
 */
public final class FakePromptGate {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, PromptGateStatus> verdicts = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final String prefix = EvalApi.PROMPT_GATE.substring(0, EvalApi.PROMPT_GATE.indexOf("{name}"));
    private final HttpServer server;

    FakePromptGate() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        server.createContext(prefix, this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers questions about {@code tenant}'s version {@code version} of prompt {@code name} with {@code status}. */
    public void verdict(String tenant, String name, int version, PromptGateStatus status) {
        verdicts.put(tenant + "/" + name + "/" + version, status);
    }

    public List<String> asked() {
        return List.copyOf(asked);
    }

    void reset() {
        verdicts.clear();
        asked.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String tenant = authorization.startsWith("Bearer ") ? tenantOf(authorization.substring(7)) : "";
            String[] parts = exchange.getRequestURI().getPath().substring(prefix.length()).split("/");
            String name = parts[0];
            String version = parts[2];
            String scope = String.valueOf(exchange.getRequestURI().getQuery()).replace("scope=", "");
            asked.add(tenant + " " + name + " " + version + " " + scope);
            PromptGateStatus status = verdicts.getOrDefault(tenant + "/" + name + "/" + version,
                    PromptGateStatus.none());
            byte[] bytes = JSON.writeValueAsString(status).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(tenant.isEmpty() ? 401 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String tenantOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return "";
        }
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        return claims.path("tenant").asString(claims.path("tid").asString(""));
    }
}
