package org.supportrag.retrieval.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestHttp;
import org.supportrag.retrieval.testing.RetrievalIT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hybrid search configured as the default mode with weighted (min-max normalized) fusion. */
@RetrievalIT
@TestPropertySource(properties = { "rag.retrieval.default-mode=hybrid", "rag.retrieval.fusion=weighted", "rag.retrieval.fusion-alpha=0.7" })
class WeightedFusionIT {

    private static final double ALPHA = 0.7;

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    TextEmbedder embedder;

    @Autowired
    JsonMapper json;

    @Test
    void searchesHybridByDefaultAndWeighsMinMaxNormalizedScores() {
        RestClient http = TestHttp.lenientClient(port);
        String token = tokens.mint(new CallerIdentity("t-" + UUID.randomUUID(), "service-1", Set.of(Roles.SERVICE),
                Set.of(), null));
        List<String> texts = List.of("To reset your password, open Settings and choose Security.",
                "Refunds reach your account within ten days of the return.",
                "Parcels are shipped with DHL; the tracking number arrives by email.",
                "Error code KM-3305 means the card needs 3-D Secure.");
        List<float[]> vectors = embedder.embedDocuments(texts);
        IndexDocumentRequest document = new IndexDocumentRequest("default", "Help", null,
                IntStream.range(0, texts.size())
                    .mapToObj(i -> new IndexChunk(i, texts.get(i), null, embedder.countTokens(texts.get(i)),
                            vectors.get(i)))
                    .toList());
        ResponseEntity<String> indexed = http.put()
            .uri("/api/v1/index/documents/" + UUID.randomUUID())
            .headers(headers -> headers.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .body(document)
            .retrieve()
            .toEntity(String.class);
        assertThat(indexed.getStatusCode().value()).as(indexed.getBody()).isEqualTo(200);
        String query = "reset password email";

        List<SearchHit> dense = search(http, token, query, "dense");
        List<SearchHit> lexical = search(http, token, query, "lexical");
        List<SearchHit> byDefault = search(http, token, query, null);

        // alpha * (s - min) / (max - min) over each ranking; absent from a ranking contributes 0.
        Map<UUID, Double> expected = new HashMap<>();
        addNormalized(expected, dense, ALPHA);
        addNormalized(expected, lexical, 1 - ALPHA);
        assertThat(lexical).hasSizeBetween(2, texts.size() - 1);
        assertThat(byDefault).isEqualTo(search(http, token, query, "hybrid"));
        assertThat(byDefault).extracting(SearchHit::chunkId).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(byDefault).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        for (SearchHit hit : byDefault) {
            assertThat(hit.score()).as(hit.text()).isCloseTo(expected.get(hit.chunkId()), within(1e-9));
        }
    }

    private static void addNormalized(Map<UUID, Double> scores, List<SearchHit> ranking, double weight) {
        double max = ranking.stream().mapToDouble(SearchHit::score).max().orElseThrow();
        double min = ranking.stream().mapToDouble(SearchHit::score).min().orElseThrow();
        for (SearchHit hit : ranking) {
            scores.merge(hit.chunkId(), weight * (hit.score() - min) / (max - min), Double::sum);
        }
    }

    private List<SearchHit> search(RestClient http, String token, String query, @Nullable String mode) {
        ResponseEntity<String> response = http.post()
            .uri("/api/v1/search")
            .headers(headers -> headers.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .body(new SearchRequest(query, null, 10, mode))
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readValue(response.getBody(), SearchResponse.class).results();
    }
}
