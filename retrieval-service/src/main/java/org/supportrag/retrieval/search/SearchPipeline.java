package org.supportrag.retrieval.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchFilters;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchMode;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.retrieval.RetrievalProperties;
import org.supportrag.retrieval.context.ContextCompressor;
import org.supportrag.retrieval.context.NearDuplicates;
import org.supportrag.retrieval.fusion.RankFusion;
import org.supportrag.retrieval.fusion.Scored;
import org.supportrag.retrieval.observation.RetrievalObservationConvention;
import org.supportrag.retrieval.observation.RetrievalStageContext;
import org.supportrag.retrieval.rerank.Reranker;
import org.supportrag.retrieval.rewrite.KnowledgeBaseEntities;
import org.supportrag.retrieval.rewrite.QueryRewriter;
import org.supportrag.retrieval.text.TextSearchConfigs;

/**
 * The search stages: rewrite (multi-turn), retrieve (dense and/or lexical), fuse, rerank, deduplicate, compress. Modes
 * {@code dense}, {@code lexical} and {@code hybrid} run only their retrieval (and fusion); {@code full} runs all. Every
 * stage is one observation ({@link RetrievalObservationConvention}) with its method and item counts; no text is
 * logged or tagged.
 */
@Service
class SearchPipeline {

    static final String INVALID_FILTER = "invalid-filter";

    /** Characters of text whose token counts the compressor keeps (about 4 MB of strings). */
    private static final long TOKEN_COUNT_CACHE_CHARS = 2_000_000;

    private static final RetrievalObservationConvention CONVENTION = new RetrievalObservationConvention();

    private final QueryEmbeddingCache embeddings;
    private final VectorSearch vectorSearch;
    private final LexicalSearch lexicalSearch;
    private final Reranker reranker;
    private final QueryRewriter rewriter;
    private final EntityVocabulary vocabulary;
    private final RetrievalProperties properties;
    private final ObservationRegistry observations;
    private final ContextCompressor compressor;
    private final JsonMapper json;
    private final ExecutorService legs = Executors.newVirtualThreadPerTaskExecutor();
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
    private @Nullable SearchMetrics searches;

    private @Nullable DatabaseRetry databaseRetry;

    /** Runs a search again after a dropped connection, a PostgreSQL restart (set by Spring; absent in narrow tests). */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void databaseRetry(DatabaseRetry databaseRetry) {
        this.databaseRetry = databaseRetry;
    }

    /** Counts searches and low-evidence searches (set by Spring; absent in narrow tests). */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void searchMetrics(SearchMetrics searches) {
        this.searches = searches;
    }

    SearchPipeline(QueryEmbeddingCache embeddings, VectorSearch vectorSearch, LexicalSearch lexicalSearch,
            Reranker reranker, QueryRewriter rewriter, EntityVocabulary vocabulary, RetrievalProperties properties,
            ObservationRegistry observations, TextEmbedder embedder, JsonMapper json) {
        this.vocabulary = vocabulary;
        this.embeddings = embeddings;
        this.vectorSearch = vectorSearch;
        this.lexicalSearch = lexicalSearch;
        this.reranker = reranker;
        this.rewriter = rewriter;
        this.properties = properties;
        this.observations = observations;
        this.json = json;
        RetrievalProperties.Context context = properties.context();
        // Popular chunks and their sentences come back search after search: their token counts (the embedding
        // model's tokenizer, 6-8 ms per search on the critical path) are looked up instead of counted again.
        Cache<String, Integer> counted = Caffeine.newBuilder()
            .maximumWeight(TOKEN_COUNT_CACHE_CHARS)
            .weigher((String text, Integer count) -> text.length())
            .build();
        this.compressor = new ContextCompressor(text -> counted.get(text, embedder::countTokens),
                context.maxTokens(), context.keepWholeTokens());
    }

    SearchResponse search(SearchRequest request, CallerIdentity caller) {
        // Only reads: run whole again on a fresh connection rather than answer 5xx, which would leave the turn
        // without context (an offline answer or a handover) for a restart of a second or two.
        SearchResponse response = databaseRetry == null ? searchUncounted(request, caller)
                : databaseRetry.call(() -> searchUncounted(request, caller));
        if (searches != null && !HttpSearchWarmUp.CALLER.equals(caller.subject())) {
            SearchFilters filters = request.filtersOrNone();
            boolean filtered = (filters.kinds() != null && !filters.kinds().isEmpty())
                    || (filters.documentIds() != null && !filters.documentIds().isEmpty());
            searches.searched(caller.tenantId(), properties.effectiveMode(request.mode()).value(), filtered,
                    response.results());
        }
        return response;
    }

    /** A search that no metric counts: the start-up warm-up's ({@link SearchWarmUp}). */
    SearchResponse searchUncounted(SearchRequest request, CallerIdentity caller) {
        String knowledgeBase = request.knowledgeBaseOrDefault();
        int topK = properties.effectiveTopK(request.topK());
        SearchMode mode = properties.effectiveMode(request.mode());
        SearchFilters filters = request.filtersOrNone();
        validate(filters);
        ChunkFilter filter = ChunkFilter.of(caller.tenantId(), caller.groups(), knowledgeBase, filters, json);
        String config = TextSearchConfigs.forLanguage(filters.language());
        String query = request.query();
        String standalone = null;
        String conversation = null;
        if (mode == SearchMode.FULL && !request.historyOrEmpty().isEmpty()) {
            ChunkFilter readable = ChunkFilter.of(caller.tenantId(), caller.groups(), knowledgeBase,
                    SearchFilters.NONE, json);
            KnowledgeBaseEntities entities = vocabulary.of(readable,
                    String.join(",", new java.util.TreeSet<>(caller.groups())));
            String rewritten = rewrite(request.query(), request.historyOrEmpty(), mode, entities);
            if (!rewritten.equals(query)) {
                standalone = rewritten;
                query = rewritten;
                if (properties.rewrite().conversationWeight() > 0) {
                    conversation = rewriter.conversational(request.query(), request.historyOrEmpty(), entities);
                }
            }
        }
        String searched = query;
        // Which query words the knowledge base holds needs the query only: asked on its own virtual thread (with
        // this request's trace context) while the search runs, instead of one more database round trip after it.
        Future<List<QueryTerm>> termsLeg = legs
            .submit(snapshots.captureAll().wrap(() -> lexicalSearch.terms(filter, searched, config)));
        SearchResponse response;
        try {
            response = switch (mode) {
                case DENSE -> respond(knowledgeBase, dense(filter, searched, topK, mode), standalone, 0, 0);
                case LEXICAL -> respond(knowledgeBase, lexical(filter, searched, config, topK, mode), standalone, 0,
                        0);
                case HYBRID -> respond(knowledgeBase, hybrid(filter, searched, config, topK, topK, mode), standalone,
                        0, 0);
                case FULL -> full(knowledgeBase, filter, searched, config, topK, standalone, conversation);
            };
        }
        catch (RuntimeException | Error ex) {
            // Not interrupted: a virtual thread interrupted in a socket read closes its pooled connection.
            termsLeg.cancel(false);
            throw ex;
        }
        List<QueryTerm> terms = join(termsLeg);
        return new SearchResponse(response.knowledgeBase(), response.results(), response.standaloneQuery(),
                response.contextTokens(), response.tokensSaved(), terms);
    }

    private SearchResponse full(String knowledgeBase, ChunkFilter filter, String query, String config, int topK,
            @Nullable String standalone, @Nullable String conversation) {
        int rerankCandidates = Math.max(properties.rerank().candidates(), topK);
        // The conversation leg runs on its own virtual thread (with this request's trace context) beside the
        // standalone query's, so a follow-up waits for the slower of the two only.
        Future<List<SearchHit>> conversationLeg = conversation == null ? null
                : legs.submit(snapshots.captureAll().wrap(() -> rerank(conversation,
                        hybrid(filter, conversation, config, topK, rerankCandidates, SearchMode.FULL))));
        List<SearchHit> ranked;
        try {
            ranked = rerank(query, hybrid(filter, query, config, topK, rerankCandidates, SearchMode.FULL));
        }
        catch (RuntimeException | Error ex) {
            if (conversationLeg != null) {
                conversationLeg.cancel(false);
            }
            throw ex;
        }
        List<SearchHit> reranked = conversationLeg == null ? ranked : withConversation(ranked, join(conversationLeg));
        double threshold = properties.context().duplicateSimilarity();
        List<SearchHit> distinct = stage("dedupe", SearchMode.FULL, "shingles", reranked.size(),
                () -> NearDuplicates.suppress(reranked, SearchHit::text, threshold, topK), List::size);
        if (!properties.context().compress()) {
            return respond(knowledgeBase, distinct, standalone, 0, 0);
        }
        List<ContextCompressor.Compressed> compressed = stage("compress", SearchMode.FULL, "sentences",
                distinct.size(), () -> compressor.compress(query, distinct.stream().map(SearchHit::text).toList()),
                List::size);
        List<SearchHit> hits = new ArrayList<>(distinct.size());
        int saved = 0;
        int tokens = 0;
        for (int i = 0; i < distinct.size(); i++) {
            SearchHit hit = distinct.get(i);
            ContextCompressor.Compressed text = compressed.get(i);
            saved += text.tokensBefore() - text.tokensAfter();
            tokens += text.tokensAfter();
            hits.add(hit.with(text.text(), hit.score(), hit.rank()));
        }
        return respond(knowledgeBase, hits, standalone, tokens, saved);
    }

    /**
     * The standalone query's ranking fused with the conversation leg's (weighted reciprocal rank). Only the order
     * changes: rank i keeps the score the standalone ranking had at rank i, so scores keep their scale and meaning
     * for confidence downstream.
     */
    private List<SearchHit> withConversation(List<SearchHit> standalone, List<SearchHit> conversation) {
        int limit = Math.max(standalone.size(), conversation.size());
        List<Scored<SearchHit>> fused = stage("fuse", SearchMode.FULL, "conversation",
                standalone.size() + conversation.size(),
                () -> RankFusion.reciprocalRank(List.of(scored(standalone), scored(conversation)),
                        List.of(1.0, properties.rewrite().conversationWeight()), SearchHit::chunkId,
                        properties.rrfK(), limit), List::size);
        List<SearchHit> hits = new ArrayList<>(fused.size());
        for (Scored<SearchHit> item : fused) {
            double score = hits.size() < standalone.size() ? standalone.get(hits.size()).score()
                    : conversation.get(Math.min(hits.size(), conversation.size() - 1)).score();
            hits.add(item.item().with(item.item().text(), score, hits.size() + 1));
        }
        return hits;
    }

    /** Ranks from 1; token counts only where compression counted them (full mode), else 0. */
    private static SearchResponse respond(String knowledgeBase, List<SearchHit> hits, @Nullable String standalone,
            int contextTokens, int tokensSaved) {
        List<SearchHit> ranked = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            ranked.add(hit.with(hit.text(), hit.score(), ranked.size() + 1));
        }
        return new SearchResponse(knowledgeBase, ranked, standalone, contextTokens, tokensSaved);
    }

    private List<SearchHit> dense(ChunkFilter filter, String queryText, int limit, SearchMode mode) {
        RetrievalStageContext context = new RetrievalStageContext("embed", mode.value(), embeddings.modelId());
        float[] query = observe(context, () -> {
            QueryEmbeddingCache.Embedded embedded = embeddings.embed(filter.tenantId(), queryText);
            context.outcome(embedded.source().outcome);
            return embedded.vector();
        }, ignored -> 1);
        return stage("retrieve", mode, "dense", limit, () -> vectorSearch.nearest(filter, query, limit), List::size);
    }

    private List<SearchHit> lexical(ChunkFilter filter, String query, String config, int limit, SearchMode mode) {
        String method = properties.lexical().scoring().name().toLowerCase(Locale.ROOT);
        return stage("retrieve", mode, method, limit, () -> lexicalSearch.best(filter, query, config, limit),
                List::size);
    }

    private List<SearchHit> hybrid(ChunkFilter filter, String query, String config, int topK, int keep,
            SearchMode mode) {
        int candidates = Math.max(properties.fusionCandidates(topK), keep);
        // The lexical leg needs no embedding: it runs on its own virtual thread (with this request's trace context)
        // while this one embeds the query and searches the vectors, so a search waits for the slower leg only.
        Future<List<SearchHit>> lexicalLeg = legs
            .submit(snapshots.captureAll().wrap(() -> lexical(filter, query, config, candidates, mode)));
        List<SearchHit> dense;
        try {
            dense = dense(filter, query, candidates, mode);
        }
        catch (RuntimeException | Error ex) {
            // Not interrupted: a virtual thread interrupted in a socket read closes its pooled connection.
            lexicalLeg.cancel(false);
            throw ex;
        }
        List<SearchHit> lexical = join(lexicalLeg);
        String method = properties.fusion().name().toLowerCase(Locale.ROOT);
        int limit = Math.max(topK, keep);
        List<Scored<SearchHit>> fused = stage("fuse", mode, method, dense.size() + lexical.size(),
                () -> switch (properties.fusion()) {
                    case RRF -> RankFusion.reciprocalRank(List.of(scored(dense), scored(lexical)), SearchHit::chunkId,
                            properties.rrfK(), limit);
                    case WEIGHTED -> RankFusion.weighted(scored(dense), scored(lexical), SearchHit::chunkId,
                            SearchHit::documentId, properties.fusionAlpha(), properties.fusionSiblingWeight(), limit);
                }, List::size);
        List<SearchHit> hits = new ArrayList<>(fused.size());
        for (Scored<SearchHit> item : fused) {
            SearchHit hit = item.item();
            hits.add(hit.with(hit.text(), item.score(), hits.size() + 1));
        }
        return mode == SearchMode.FULL ? hits : hits.subList(0, Math.min(topK, hits.size()));
    }

    /**
     * The standalone query; method is the rewriter ({@code offline} or {@code llm}), outcome {@code fallback} when
     * the LLM failed and the offline rewrite answered.
     */
    private String rewrite(String question, List<ConversationTurn> history, SearchMode mode,
            KnowledgeBaseEntities entities) {
        RetrievalStageContext context = new RetrievalStageContext("rewrite", mode.value(), rewriter.name())
            .input(history.size());
        return observe(context, () -> {
            QueryRewriter.Rewritten rewritten = rewriter.rewrite(question, history, entities);
            if (rewritten.fellBack()) {
                context.outcome("fallback");
            }
            return rewritten.query();
        }, ignored -> 1);
    }

    /** Reranks the first candidates; on a reranker failure the fused order stands (outcome {@code fallback}). */
    private List<SearchHit> rerank(String query, List<SearchHit> fused) {
        int count = Math.min(properties.rerank().candidates(), fused.size());
        List<SearchHit> head = fused.subList(0, count);
        RetrievalStageContext context = new RetrievalStageContext("rerank", SearchMode.FULL.value(), reranker.name())
            .input(count);
        return observe(context, () -> {
            List<Reranker.Ranked> ranked;
            try {
                ranked = reranker.rerank(query, head.stream().map(hit -> hit.title() + "\n" + hit.text()).toList());
            }
            catch (Reranker.RerankException ex) {
                context.outcome("fallback");
                return fused;
            }
            List<SearchHit> result = new ArrayList<>(fused.size());
            for (Reranker.Ranked item : ranked) {
                SearchHit hit = head.get(item.index());
                result.add(hit.with(hit.text(), item.score(), result.size() + 1));
            }
            result.addAll(fused.subList(count, fused.size()));
            return result;
        }, List::size);
    }

    private <T> T stage(String stage, SearchMode mode, String method, int input, Supplier<T> work,
            java.util.function.ToIntFunction<T> output) {
        return observe(new RetrievalStageContext(stage, mode.value(), method).input(input), work, output);
    }

    private <T> T observe(RetrievalStageContext context, Supplier<T> work, java.util.function.ToIntFunction<T> output) {
        Observation observation = Observation.createNotStarted(null, CONVENTION, () -> context, observations);
        return observation.observe(() -> {
            T result = work.get();
            context.output(output.applyAsInt(result));
            return result;
        });
    }

    /** A leg's result, or its failure as if it had run on this thread. */
    private static <T> T join(Future<T> leg) {
        try {
            return leg.get();
        }
        catch (InterruptedException ex) {
            leg.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while searching", ex);
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("A search leg failed", cause);
        }
    }

    private static List<Scored<SearchHit>> scored(List<SearchHit> hits) {
        return hits.stream().map(hit -> new Scored<>(hit, hit.score())).toList();
    }

    /** What Bean Validation cannot express: a date range that can match nothing is a mistake, not a query. */
    private static void validate(SearchFilters filters) {
        if (filters.indexedAfter() != null && filters.indexedBefore() != null
                && !filters.indexedAfter().isBefore(filters.indexedBefore())) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.of(INVALID_FILTER), "Invalid filter",
                    "filters.indexedAfter must be before filters.indexedBefore.", Map.of("field", "filters"));
        }
    }
}
