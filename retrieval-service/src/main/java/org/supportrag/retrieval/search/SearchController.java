package org.supportrag.retrieval.search;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;

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
import org.supportrag.contracts.retrieval.v1.SearchMode;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.retrieval.RetrievalProperties;
import org.supportrag.retrieval.fusion.RankFusion;
import org.supportrag.retrieval.fusion.Scored;

/**
 * Dense, lexical or hybrid search. Each stage is its own observation (a span in the trace, a timer in metrics) tagged
 * only with low-cardinality values; the query text is never logged or tagged.
 */
@RestController
class SearchController {

    private static final Logger log = LoggerFactory.getLogger(SearchController.class);

    private static final String MODE = "mode";
    private static final String RESULTS = "rag.retrieval.results";

    private final TextEmbedder embedder;
    private final VectorSearch vectorSearch;
    private final LexicalSearch lexicalSearch;
    private final RetrievalProperties properties;
    private final ObservationRegistry observations;

    SearchController(TextEmbedder embedder, VectorSearch vectorSearch, LexicalSearch lexicalSearch,
            RetrievalProperties properties, ObservationRegistry observations) {
        this.embedder = embedder;
        this.vectorSearch = vectorSearch;
        this.lexicalSearch = lexicalSearch;
        this.properties = properties;
        this.observations = observations;
    }

    @PostMapping(RetrievalApi.SEARCH)
    SearchResponse search(@Valid @RequestBody SearchRequest request, CallerIdentity caller) {
        String knowledgeBase = request.knowledgeBaseOrDefault();
        int topK = properties.effectiveTopK(request.topK());
        SearchMode mode = properties.effectiveMode(request.mode());
        List<SearchHit> hits = switch (mode) {
            case DENSE -> dense(caller.tenantId(), knowledgeBase, request.query(), topK, mode);
            case LEXICAL -> lexical(caller.tenantId(), knowledgeBase, request.query(), topK, mode);
            case HYBRID -> hybrid(caller.tenantId(), knowledgeBase, request.query(), topK);
        };
        log.debug("{} search returned {} of top {} hits", mode.value(), hits.size(), topK);
        return new SearchResponse(knowledgeBase, hits);
    }

    private List<SearchHit> dense(String tenantId, String knowledgeBase, String queryText, int limit, SearchMode mode) {
        float[] query = Observation.createNotStarted("rag.retrieval.embed", observations)
            .contextualName("embed query")
            .lowCardinalityKeyValue(MODE, mode.value())
            .lowCardinalityKeyValue("model", embedder.modelId())
            .observe(() -> embedder.embedQuery(queryText));
        return stage("rag.retrieval.search", "vector search", mode, limit,
                () -> vectorSearch.nearest(tenantId, knowledgeBase, query, limit));
    }

    private List<SearchHit> lexical(String tenantId, String knowledgeBase, String query, int limit, SearchMode mode) {
        return stage("rag.retrieval.lexical", "lexical search", mode, limit,
                () -> lexicalSearch.best(tenantId, knowledgeBase, query, limit));
    }

    private List<SearchHit> hybrid(String tenantId, String knowledgeBase, String query, int topK) {
        int candidates = properties.fusionCandidates(topK);
        List<SearchHit> dense = dense(tenantId, knowledgeBase, query, candidates, SearchMode.HYBRID);
        List<SearchHit> lexical = lexical(tenantId, knowledgeBase, query, candidates, SearchMode.HYBRID);
        Observation fuse = Observation.createNotStarted("rag.retrieval.fuse", observations)
            .contextualName("fuse rankings")
            .lowCardinalityKeyValue(MODE, SearchMode.HYBRID.value())
            .lowCardinalityKeyValue("fusion", properties.fusion().name().toLowerCase(Locale.ROOT))
            .highCardinalityKeyValue("rag.retrieval.candidates.dense", String.valueOf(dense.size()))
            .highCardinalityKeyValue("rag.retrieval.candidates.lexical", String.valueOf(lexical.size()));
        return fuse.observe(() -> {
            List<Scored<SearchHit>> fused = switch (properties.fusion()) {
                case RRF -> RankFusion.reciprocalRank(List.of(scored(dense), scored(lexical)), SearchHit::chunkId,
                        properties.rrfK(), topK);
                case WEIGHTED -> RankFusion.weighted(scored(dense), scored(lexical), SearchHit::chunkId,
                        properties.fusionAlpha(), topK);
            };
            fuse.highCardinalityKeyValue(RESULTS, String.valueOf(fused.size()));
            return IntStream.range(0, fused.size()).mapToObj(i -> withScore(fused.get(i), i + 1)).toList();
        });
    }

    private List<SearchHit> stage(String name, String contextualName, SearchMode mode, int limit,
            Supplier<List<SearchHit>> search) {
        Observation observation = Observation.createNotStarted(name, observations)
            .contextualName(contextualName)
            .lowCardinalityKeyValue(MODE, mode.value())
            .highCardinalityKeyValue("rag.retrieval.top_k", String.valueOf(limit));
        return observation.observe(() -> {
            List<SearchHit> found = search.get();
            observation.highCardinalityKeyValue(RESULTS, String.valueOf(found.size()));
            return found;
        });
    }

    private static List<Scored<SearchHit>> scored(List<SearchHit> hits) {
        return hits.stream().map(hit -> new Scored<>(hit, hit.score())).toList();
    }

    private static SearchHit withScore(Scored<SearchHit> fused, int rank) {
        SearchHit hit = fused.item();
        return new SearchHit(hit.chunkId(), hit.documentId(), hit.title(), hit.sourceUri(), hit.sectionPath(), hit.text(),
                fused.score(), rank);
    }
}
