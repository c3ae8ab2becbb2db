package org.supportrag.eval.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.resilience.RemoteCallRefusedException;
import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.AnswerCitation;
import org.supportrag.eval.answers.Observation;
import org.supportrag.eval.answers.TurnTotals;

/**
 * Asks one dataset item through the chat pipeline as the run's tenant: a new conversation, the item's turns in order
 * (JSON answers, the same pipeline as the widget's stream), the run's variant as evaluation overrides. The caller is
 * an admin of the tenant named after the run, so the turns are attributable and the overrides accepted. A turn writes
 * messages: guarded as {@code chat-pipeline} (breaker, bulkhead) and never retried.
 */
@Component
class PipelineClient {

    private final RunProperties properties;
    private final InternalTokenService tokens;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http;
    private final RemoteCall guard;

    PipelineClient(RunProperties properties, InternalTokenService tokens, RemoteCalls remoteCalls) {
        this.guard = remoteCalls.notRetried("chat-pipeline");
        this.properties = properties;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    /**
     * @param promptVersions the prompt templates the last answer was written with, as generation reports them to
     *                       evaluation calls ({@code name}, {@code scope}, {@code version}, {@code label}); empty
     *                       offline
     */
    record Asked(Observation observation, List<Map<String, Object>> promptVersions) {
    }

    /** One attempt; a 5xx answer is a failure for the breaker (thrown) and an error answer for the run (kept). */
    private HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        if (response.statusCode() >= 500) {
            throw new ServerError(response);
        }
        return response;
    }

    /** A 5xx answer, carried through the guard. */
    private static final class ServerError extends RuntimeException {

        private final transient HttpResponse<String> response;

        ServerError(HttpResponse<String> response) {
            super("HTTP " + response.statusCode(), null, false, false);
            this.response = response;
        }
    }

    Asked ask(String tenantId, UUID runId, Variant variant, @Nullable String knowledgeBase, AnswerCase item) {
        String token = tokens.mint(new CallerIdentity(tenantId, "eval-run:" + runId, Set.of(Roles.ADMIN), Set.of(),
                null));
        String kb = item.knowledgeBase() != null ? item.knowledgeBase() : knowledgeBase;
        String conversation = null;
        TurnTotals totals = new TurnTotals();
        JsonNode last = null;
        double latency = 0;
        for (String message : item.turns()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", message);
            if (conversation != null) {
                body.put("conversationId", conversation);
            }
            if (kb != null) {
                body.put("knowledgeBase", kb);
            }
            // Always an evaluation call (even without overrides): no answer cache, and the answer reports the
            // retrieved chunks and prompt versions.
            Map<String, Object> overrides = new LinkedHashMap<>();
            overrides.put("promptLabel", variant.promptLabel());
            overrides.put("retrievalMode", variant.retrievalMode());
            overrides.put("topK", variant.topK());
            overrides.put("model", variant.model());
            body.put("evaluation", overrides);
            HttpRequest request = HttpRequest
                .newBuilder(URI.create(properties.chatUrl().toString().replaceAll("/+$", "") + "/api/v1/chat"))
                .timeout(properties.chatTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = guard.call(() -> send(request));
            }
            catch (UncheckedIOException ex) {
                IOException cause = Objects.requireNonNull(ex.getCause());
                return failed(Observation.failed("chat request failed: " + cause.getClass().getSimpleName(),
                        (System.nanoTime() - started) / 1e6));
            }
            catch (ServerError ex) {
                response = ex.response;
            }
            catch (RemoteCallRefusedException ex) {
                return failed(Observation.failed("chat request not sent: the pipeline keeps failing",
                        (System.nanoTime() - started) / 1e6));
            }
            latency = (System.nanoTime() - started) / 1e6;
            JsonNode answer;
            try {
                answer = json.readTree(response.body());
            }
            catch (JacksonException ex) {
                return failed(Observation.failed("HTTP " + response.statusCode() + " (not JSON)", latency));
            }
            if (response.statusCode() >= 300) {
                return failed(Observation.failed("HTTP " + response.statusCode() + " "
                        + answer.path("title").asString("error"), latency));
            }
            conversation = answer.path("conversationId").asString(null);
            totals.add(answer);
            last = answer;
        }
        List<AnswerCitation> citations = new ArrayList<>();
        // Every case has a turn (the dataset reader checks it).
        for (JsonNode citation : Objects.requireNonNull(last).path("citations")) {
            citations.add(new AnswerCitation(citation.path("index").asInt(0), text(citation, "chunkId"),
                    text(citation, "documentId"), citation.path("title").asString(""), text(citation, "url"),
                    citation.path("snippet").asString("")));
        }
        JsonNode evaluation = last.path("evaluation");
        List<AnswerCitation> retrieved = null;
        if (evaluation.has("retrieved")) {
            retrieved = new ArrayList<>();
            int rank = 1;
            for (JsonNode chunk : evaluation.path("retrieved")) {
                retrieved.add(new AnswerCitation(rank++, text(chunk, "chunkId"), text(chunk, "documentId"),
                        chunk.path("title").asString(""), text(chunk, "url"), ""));
            }
        }
        List<Map<String, Object>> promptVersions = new ArrayList<>();
        for (JsonNode use : evaluation.path("promptVersions")) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", use.path("name").asString(""));
            entry.put("scope", use.path("scope").asString(""));
            entry.put("version", use.path("version").asInt(0));
            entry.put("label", use.path("label").asString(""));
            promptVersions.add(entry);
        }
        return new Asked(totals.observation(last, last.path("answer").asString(""), citations, latency, retrieved),
                promptVersions);
    }

    private static Asked failed(Observation observation) {
        return new Asked(observation, List.of());
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
