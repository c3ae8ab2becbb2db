package org.supportrag.ragctl;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
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
import java.util.UUID;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few gateway calls ragctl makes, over java.net.http. Errors become {@link GatewayException}s. */
final class GatewayClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String API_KEY_HEADER = "X-Api-Key";
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration SEARCH_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration JOB_POLL_INTERVAL = Duration.ofMillis(500);
    private static final int MAX_RATE_LIMITED_RETRIES = 20;

    private final URI baseUrl;
    private final String apiKey;
    private final HttpClient http;

    GatewayClient(URI baseUrl, String apiKey) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    }

    /** One file of an upload: the name the document is stored under, and its bytes. */
    record Upload(String name, byte[] content) {
    }

    /** What the ingestion service did with one upload request. */
    record UploadResult(int created, int updated, int unchanged, int failed, Map<String, String> failures) {
    }

    /** One search hit, reduced to what evaluation needs. */
    record Hit(@Nullable String sourceUri, String title) {
    }

    /** A search's hits and the response's context accounting ({@code contextTokens}, {@code tokensSaved}). */
    record SearchResult(List<Hit> hits, int contextTokens, int tokensSaved) {
    }

    /** An earlier conversation turn sent as search history: speaker {@code user} or {@code assistant}. */
    record Turn(String speaker, String text) {
    }

    /** Uploads files to a knowledge base in one multipart request and waits for them to be indexed. */
    UploadResult upload(String knowledgeBase, List<Upload> files) {
        return awaitJob(submit(knowledgeBase, files), done -> {
        });
    }

    /** Uploads files in one multipart request; returns the URL of the ingestion job the service answered with. */
    String submit(String knowledgeBase, List<Upload> files) {
        String boundary = "ragctl-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Upload file : files) {
            String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + quoted(file.name()) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request("api/v1/knowledge-bases/" + knowledgeBase + "/documents", UPLOAD_TIMEOUT)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
        JsonNode response = sendForJson(request);
        String jobUrl = response.path("jobUrl").asString("");
        if (jobUrl.isEmpty()) {
            throw new GatewayException("the ingestion service answered the upload without a job");
        }
        return jobUrl;
    }

    /**
     * Polls an ingestion job until it is completed or cancelled, reporting the number of its files finished so far;
     * returns what it did.
     */
    UploadResult awaitJob(String jobUrl, java.util.function.IntConsumer filesDone) {
        HttpRequest poll = request(jobUrl.replaceFirst("^/", ""), SEARCH_TIMEOUT).header("Accept", "application/json")
            .GET()
            .build();
        JsonNode response;
        while (true) {
            response = sendForJson(poll);
            filesDone.accept(response.path("progress").path("filesDone").asInt(0));
            String status = response.path("status").asString("");
            if (status.equals("completed") || status.equals("cancelled")) {
                break;
            }
            try {
                Thread.sleep(JOB_POLL_INTERVAL.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new GatewayException("interrupted", ex);
            }
        }
        Map<String, String> failures = new LinkedHashMap<>();
        for (JsonNode document : response.path("documents")) {
            if ("failed".equalsIgnoreCase(document.path("status").asString(""))) {
                failures.put(document.path("name").asString(""), document.path("error").asString("failed"));
            }
        }
        return new UploadResult(response.path("created").asInt(0), response.path("updated").asInt(0),
                response.path("unchanged").asInt(0), response.path("failed").asInt(0), failures);
    }

    /** {@code POST /api/v1/search}: chunks best first; {@code mode} null means the service default. */
    List<Hit> search(String knowledgeBase, String query, int topK, @Nullable String mode) {
        return search(knowledgeBase, query, topK, mode, List.of()).hits();
    }

    /** {@code POST /api/v1/search} with conversation history (oldest first; empty: none sent). */
    SearchResult search(String knowledgeBase, String query, int topK, @Nullable String mode, List<Turn> history) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("knowledgeBase", knowledgeBase);
        body.put("topK", topK);
        if (mode != null) {
            body.put("mode", mode);
        }
        if (!history.isEmpty()) {
            body.put("history", history);
        }
        HttpRequest request = request("api/v1/search", SEARCH_TIMEOUT).header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
        List<Hit> hits = new ArrayList<>();
        JsonNode response = sendForJson(request);
        for (JsonNode hit : response.path("results")) {
            JsonNode source = hit.get("sourceUri");
            hits.add(new Hit(source == null || source.isNull() ? null : source.asString(),
                    hit.path("title").asString("")));
        }
        return new SearchResult(hits, response.path("contextTokens").asInt(0), response.path("tokensSaved").asInt(0));
    }

    /**
     * {@code POST /api/v1/chat} as a server-sent event stream with a widget key; calls {@code onEvent} with each
     * event's name and parsed data, in order, until the stream ends.
     */
    void chat(String widgetKey, String message, @Nullable String conversationId,
            BiConsumer<String, JsonNode> onEvent) {
        chat(widgetKey, message, conversationId, null, onEvent);
    }

    /** {@link #chat(String, String, String, BiConsumer)} against a knowledge base (null: the tenant's default). */
    void chat(String widgetKey, String message, @Nullable String conversationId, @Nullable String knowledgeBase,
            BiConsumer<String, JsonNode> onEvent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        if (knowledgeBase != null) {
            body.put("knowledgeBase", knowledgeBase);
        }
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("api/v1/chat"))
            .timeout(SEARCH_TIMEOUT)
            .header(API_KEY_HEADER, widgetKey)
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        // A rate-limited turn is asked again after the gateway's Retry-After: evaluations send many questions.
        for (int attempt = 1; response.statusCode() == 429 && attempt <= MAX_RATE_LIMITED_RETRIES; attempt++) {
            long wait = response.headers().firstValue("Retry-After").map(GatewayClient::seconds).orElse(1L);
            try {
                response.body().close();
                Thread.sleep(Duration.ofSeconds(Math.clamp(wait, 1, 60)));
            }
            catch (IOException ex) {
                // Nothing to release.
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new GatewayException("interrupted", ex);
            }
            response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() >= 400) {
                throw failure(response.statusCode(), reader.lines().reduce("", String::concat));
            }
            SseParser.parse(reader, (event, data) -> onEvent.accept(event, parse(data)));
        }
        catch (IOException ex) {
            throw new GatewayException("the answer stream broke off: " + ex.getMessage(), ex);
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        }
        catch (NumberFormatException ex) {
            return 1;
        }
    }

    /**
     * A JSON call to the gateway's own admin and platform APIs: {@code body} (null: none) as JSON; returns the answer,
     * or a missing node for 204.
     */
    JsonNode call(String method, String path, @Nullable Object body) {
        HttpRequest request = request(path.replaceFirst("^/", ""), SEARCH_TIMEOUT).header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw failure(response.statusCode(), response.body());
        }
        return response.body().isBlank() ? JSON.missingNode() : parse(response.body());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout).header(API_KEY_HEADER, apiKey);
    }

    private JsonNode sendForJson(HttpRequest request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw failure(response.statusCode(), response.body());
        }
        return parse(response.body());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        }
        catch (ConnectException ex) {
            throw new GatewayException("cannot connect to the gateway at " + baseUrl + " (is it running?)", ex);
        }
        catch (IOException ex) {
            throw new GatewayException("request to " + request.uri() + " failed: " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted", ex);
        }
    }

    /** Names the status and, when the body is an RFC 9457 problem, its title and detail. */
    static GatewayException failure(int status, String body) {
        String message = "HTTP " + status;
        try {
            JsonNode problem = JSON.readTree(body);
            String title = problem.path("title").asString("");
            String detail = problem.path("detail").asString("");
            if (!title.isEmpty()) {
                message += " " + title;
            }
            if (!detail.isEmpty()) {
                message += ": " + detail;
            }
        }
        catch (JacksonException ex) {
            // Not JSON (a proxy's error page, say): the status alone is the message.
        }
        return new GatewayException(message);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        }
        catch (JacksonException ex) {
            throw new GatewayException("the gateway answered with malformed JSON", ex);
        }
    }

    private static String quoted(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
    }
}
