package org.supportrag.generation.confidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;

/**
 * Answer-level dataset cases (format in the public interfaces: answerable, unanswerable, multiturn, no_handover),
 * their scoring, and the real retrieval they are asked against (the gateway's search API, as chat searches).
 */
final class DemoCases {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Case(String id, String type, List<String> turns, List<String> facts, List<String> sources) {

        String question() {
            return turns.getLast();
        }

        boolean answerable() {
            return type.equals("answerable") || type.equals("multiturn");
        }
    }

    static List<Case> read(Path file) {
        List<Case> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                cases.add(new Case(node.get("id").asString(), node.get("type").asString(), strings(node.get("turns")),
                        strings(node.get("facts")), strings(node.get("sources"))));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return cases;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null) {
            node.forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    /** Every fact regex matches (case-insensitive). */
    static boolean factsFound(Case c, String answer) {
        return c.facts().stream()
            .allMatch(fact -> Pattern.compile(fact, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(answer)
                .find());
    }

    /** At least one cited chunk's URL (fragment or not) or title names a source. */
    static boolean citationCorrect(Case c, String answer, List<SearchHit> context) {
        for (int index : Citations.cited(answer, context.size())) {
            SearchHit hit = context.get(index - 1);
            String url = hit.sourceUri() == null ? "" : hit.sourceUri();
            String bare = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
            for (String source : c.sources()) {
                String bareSource = source.contains("#") ? source.substring(0, source.indexOf('#')) : source;
                if (url.equals(source) || bare.equals(bareSource) && !source.contains("#") || url.endsWith(source)
                        || hit.title().equals(source) || bare.endsWith(bareSource) && !source.contains("#")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every [n] has a citation n. */
    static boolean noDangling(String answer, int contextSize) {
        var marker = Pattern.compile("\\[(\\d{1,3})]").matcher(answer);
        while (marker.find()) {
            int n = Integer.parseInt(marker.group(1));
            if (n < 1 || n > contextSize) {
                return false;
            }
        }
        return true;
    }

    /** A case asked through the chat API as the widget asks it: a new conversation, its turns in order. */
    record ChatResult(String answer, List<SearchHit> cited, boolean escalated, double confidence,
            boolean dangling) {
    }

    static final class Chat {

        private final HttpClient http = HttpClient.newHttpClient();
        private final URI gateway;
        private final String widgetKey;

        Chat(String gateway, String widgetKey) {
            this.gateway = URI.create(gateway);
            this.widgetKey = widgetKey;
        }

        ChatResult ask(Case c) {
            try {
                String conversation = null;
                JsonNode last = null;
                for (String turn : c.turns()) {
                    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
                    body.put("message", turn);
                    if (conversation != null) {
                        body.put("conversationId", conversation);
                    }
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/chat"))
                        .header("X-Api-Key", widgetKey)
                        .header("Origin", System.getProperty("answers.origin",
                                gateway.getScheme() + "://localhost:" + gateway.getPort()))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("chat answered " + response.statusCode() + ": "
                                + response.body());
                    }
                    last = JSON.readTree(response.body());
                    conversation = last.get("conversationId").asString();
                }
                List<SearchHit> cited = new ArrayList<>();
                java.util.Map<Integer, JsonNode> byIndex = new java.util.HashMap<>();
                last.get("citations").forEach(citation -> byIndex.put(citation.get("index").asInt(), citation));
                int max = byIndex.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
                for (int i = 1; i <= max; i++) {
                    JsonNode citation = byIndex.get(i);
                    cited.add(new SearchHit(UUID.randomUUID(), UUID.randomUUID(),
                            citation == null ? "" : citation.get("title").asString(),
                            citation == null || citation.get("url") == null || citation.get("url").isNull() ? null
                                    : citation.get("url").asString(), null, "", 0, i));
                }
                String answer = last.get("answer").asString();
                boolean dangling = false;
                var marker = Pattern.compile("\\[(\\d{1,3})]").matcher(answer);
                while (marker.find()) {
                    dangling |= !byIndex.containsKey(Integer.parseInt(marker.group(1)));
                }
                return new ChatResult(answer, cited, last.get("escalated").asBoolean(),
                        last.get("confidence").asDouble(), dangling);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    /** The chat's search: the gateway's search API with the admin key, top 5, retrieval's default mode. */
    static final class Search {

        private final HttpClient http = HttpClient.newHttpClient();
        private final URI gateway;
        private final String apiKey;
        private final String knowledgeBase;

        Search(String gateway, String apiKey, String knowledgeBase) {
            this.gateway = URI.create(gateway);
            this.apiKey = apiKey;
            this.knowledgeBase = knowledgeBase;
        }

        /**
         * The gateway's results, or the ones recorded earlier in {@code -Danswers.search-cache=FILE} (one JSON line
         * per query), so that repeated measurements of generation-only changes need no running retrieval.
         */
        List<SearchHit> search(String query) {
            return searched(query).hits();
        }

        /** Which words of {@code query} the knowledge base contains (empty when the recording did not say). */
        List<QueryTerm> terms(String query) {
            return searched(query).terms();
        }

        record Searched(List<SearchHit> hits, List<QueryTerm> terms) {
        }

        private Searched searched(String query) {
            String cacheFile = System.getProperty("answers.search-cache");
            if (cacheFile == null) {
                return searchGateway(query);
            }
            Path cache = Path.of(cacheFile);
            try {
                if (cached == null) {
                    cached = new java.util.HashMap<>();
                    if (Files.exists(cache)) {
                        for (String line : Files.readAllLines(cache)) {
                            JsonNode node = JSON.readTree(line);
                            cached.put(node.get("query").asString(), searched(node));
                        }
                    }
                }
                Searched found = cached.get(query);
                if (found == null) {
                    found = searchGateway(query);
                    cached.put(query, found);
                    Files.writeString(cache, JSON.writeValueAsString(java.util.Map.of("query", query, "results",
                            found.hits(), "queryTerms", found.terms())) + "\n",
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
                return found;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        private java.util.@org.jspecify.annotations.Nullable Map<String, Searched> cached;

        private static Searched searched(JsonNode response) {
            List<QueryTerm> terms = new ArrayList<>();
            JsonNode queryTerms = response.get("queryTerms");
            if (queryTerms != null && queryTerms.isArray()) {
                queryTerms.forEach(term -> terms.add(new QueryTerm(term.get("word").asString(),
                        term.get("inKnowledgeBase").asBoolean())));
            }
            return new Searched(hits(response.get("results")), terms);
        }

        private static List<SearchHit> hits(JsonNode results) {
            List<SearchHit> hits = new ArrayList<>();
            for (JsonNode hit : results) {
                hits.add(new SearchHit(UUID.fromString(hit.get("chunkId").asString()),
                        UUID.fromString(hit.get("documentId").asString()), hit.get("title").asString(),
                        text(hit, "sourceUri"), text(hit, "sectionPath"), hit.get("text").asString(),
                        hit.get("score").asDouble(), hit.get("rank").asInt()));
            }
            return hits;
        }

        private Searched searchGateway(String query) {
            try {
                String body = JSON.writeValueAsString(java.util.Map.of("query", query, "knowledgeBase", knowledgeBase,
                        "topK", 5));
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/search"))
                    .header("X-Api-Key", apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("search answered " + response.statusCode() + ": " + response.body());
                }
                return searched(JSON.readTree(response.body()));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        private static String text(JsonNode hit, String field) {
            JsonNode value = hit.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }
}
