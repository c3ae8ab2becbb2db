package org.supportrag.retrieval.search;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.retrieval.RetrievalProperties;

/**
 * Dense search. Each stage is its own observation (a span in the trace, a timer in metrics) tagged only with
 * low-cardinality values; the query text is never logged or tagged.
 */
@RestController
class SearchController {

    private static final Logger log = LoggerFactory.getLogger(SearchController.class);

    private static final String MODE = "mode";
    private static final String DENSE = "dense";

    private final TextEmbedder embedder;
    private final VectorSearch vectorSearch;
    private final RetrievalProperties properties;
    private final ObservationRegistry observations;

    SearchController(TextEmbedder embedder, VectorSearch vectorSearch, RetrievalProperties properties,
            ObservationRegistry observations) {
        this.embedder = embedder;
        this.vectorSearch = vectorSearch;
        this.properties = properties;
        this.observations = observations;
    }

    @PostMapping(RetrievalApi.SEARCH)
    SearchResponse search(@Valid @RequestBody SearchRequest request, CallerIdentity caller) {
        String knowledgeBase = request.knowledgeBaseOrDefault();
        int topK = properties.effectiveTopK(request.topK());
        float[] query = Observation.createNotStarted("rag.retrieval.embed", observations)
            .contextualName("embed query")
            .lowCardinalityKeyValue(MODE, DENSE)
            .lowCardinalityKeyValue("model", embedder.modelId())
            .observe(() -> embedder.embedQuery(request.query()));
        Observation searchObservation = Observation.createNotStarted("rag.retrieval.search", observations)
            .contextualName("vector search")
            .lowCardinalityKeyValue(MODE, DENSE)
            .highCardinalityKeyValue("rag.retrieval.top_k", String.valueOf(topK));
        List<SearchHit> hits = searchObservation.observe(() -> {
            List<SearchHit> found = vectorSearch.nearest(caller.tenantId(), knowledgeBase, query, topK);
            searchObservation.highCardinalityKeyValue("rag.retrieval.results", String.valueOf(found.size()));
            return found;
        });
        log.debug("Dense search returned {} of top {} hits", hits.size(), topK);
        return new SearchResponse(knowledgeBase, hits);
    }
}
