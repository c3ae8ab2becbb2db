package org.supportrag.retrieval.rerank;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.resilience.PeerClients;
import org.supportrag.defaults.resilience.RemoteCall;

/**
 * A hosted cross-encoder over HTTP: Hugging Face Text Embeddings Inference ({@code POST /rerank} with
 * {@code {"query", "texts"}}, answering {@code [{"index", "score"}]}) or a Cohere-compatible API ({@code POST
 * /v1/rerank} with {@code {"model", "query", "documents", "top_n"}}, answering {@code {"results": [{"index",
 * "relevance_score"}]}}; Jina, Voyage and vLLM speak it too). Any failure, timeout or malformed answer is a
 * {@link RerankException}, so the pipeline falls back to the fused order.
 */
final class HttpReranker implements Reranker {

    /** The wire protocol. */
    public enum Dialect {
        TEI, COHERE
    }

    /** The guard's name: not retried, a search without reranking is sooner than a second attempt. */
    static final String CALL = "reranker";

    private final Dialect dialect;
    private final RemoteCall guard;
    private final RestClient http;
    private final String model;

    public HttpReranker(Dialect dialect, URI baseUrl, @Nullable String apiKey, String model, Duration timeout,
            RemoteCall guard) {
        this.dialect = dialect;
        this.guard = guard;
        this.model = model;
        String base = baseUrl.toString().replaceAll("/+$", "");
        RestClient.Builder builder = RestClient.builder().baseUrl(base)
            .requestFactory(PeerClients.jdkRequests(timeout, timeout));
        if (apiKey != null && !apiKey.isBlank()) {
            builder.defaultHeader("Authorization", "Bearer " + apiKey);
        }
        this.http = builder.build();
    }

    @Override
    public String name() {
        return dialect == Dialect.TEI ? "tei" : "cohere";
    }

    @Override
    public List<Ranked> rerank(String query, List<String> passages) {
        if (passages.isEmpty()) {
            return List.of();
        }
        JsonNode answer;
        try {
            answer = guard.call(() -> http.post()
                .uri(dialect == Dialect.TEI ? "/rerank" : "/v1/rerank")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(query, passages))
                .retrieve()
                .body(JsonNode.class));
        }
        catch (RestClientException ex) {
            throw new RerankException(name() + " rerank call failed: " + ex.getClass().getSimpleName(), ex);
        }
        if (answer == null) {
            throw new RerankException(name() + " rerank answered with an empty body");
        }
        return parse(answer, passages.size());
    }

    private Map<String, Object> body(String query, List<String> passages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (dialect == Dialect.TEI) {
            body.put("texts", passages);
            body.put("truncate", true);
        }
        else {
            body.put("model", model);
            body.put("documents", passages);
            body.put("top_n", passages.size());
        }
        return body;
    }

    private List<Ranked> parse(JsonNode answer, int size) {
        JsonNode results = dialect == Dialect.TEI ? answer : answer.path("results");
        String scoreField = dialect == Dialect.TEI ? "score" : "relevance_score";
        if (!results.isArray()) {
            throw new RerankException(name() + " rerank answer has no result list");
        }
        boolean[] seen = new boolean[size];
        List<Ranked> ranked = new ArrayList<>(size);
        for (JsonNode result : results) {
            JsonNode index = result.path("index");
            JsonNode score = result.path(scoreField);
            if (!index.isIntegralNumber() || !score.isNumber() || index.asInt() < 0 || index.asInt() >= size
                    || seen[index.asInt()]) {
                throw new RerankException(name() + " rerank answer has an invalid result");
            }
            seen[index.asInt()] = true;
            ranked.add(new Ranked(index.asInt(), score.asDouble()));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        // Candidates the reranker did not return (top_n smaller than asked) keep their order after the scored ones.
        for (int i = 0; i < size; i++) {
            if (!seen[i]) {
                ranked.add(new Ranked(i, Double.NEGATIVE_INFINITY));
            }
        }
        return ranked;
    }
}
