package org.supportrag.eval.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.resilience.PeerClients;
import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.eval.beir.BeirFiles;
import org.supportrag.eval.dataset.DatasetItems.BeirItem;
import org.supportrag.eval.metrics.RankingMetrics;

/**
 * A BEIR query of a run, searched through the retrieval service as the run's tenant (the corpus was ingested into
 * the dataset's knowledge base with {@code ragctl eval beir} or {@code ragctl ingest}, one file per document) and
 * scored against its judgements. A search is a read: guarded as the idempotent remote call {@code retrieval-search}.
 */
@Component
class BeirSearch {

    /** Deep enough for Recall@100. */
    static final int DEPTH = 100;

    private final RestClient rest;
    private final InternalTokenService tokens;
    private final RemoteCall guard;

    BeirSearch(RestClient.Builder builder, RunProperties properties, InternalTokenService tokens,
            RemoteCalls remoteCalls) {
        this.guard = remoteCalls.idempotent("retrieval-search");
        this.rest = PeerClients.create(builder, properties.retrievalUrl(), Duration.ofSeconds(5),
                properties.chatTimeout());
        this.tokens = tokens;
    }

    /** One scored query: the results-file line of a BEIR run. */
    Map<String, Object> score(String tenantId, UUID runId, Variant variant, @Nullable String knowledgeBase,
            BeirItem item) {
        List<ConversationTurn> history = item.context().stream()
            .map(turn -> new ConversationTurn("U".equalsIgnoreCase(turn.get("speaker")) ? ConversationTurn.USER
                    : ConversationTurn.ASSISTANT, String.valueOf(turn.get("text"))))
            .toList();
        SearchRequest request = new SearchRequest(item.query(), knowledgeBase,
                variant.topK() == null ? DEPTH : variant.topK(), variant.retrievalMode(), null,
                history.isEmpty() ? null : history);
        String token = tokens.mint(new CallerIdentity(tenantId, "eval-run:" + runId, Set.of(Roles.ADMIN), Set.of(),
                null));
        long started = System.nanoTime();
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("id", item.id());
        line.put("type", "beir_query");
        List<String> ranking = new ArrayList<>();
        try {
            SearchResponse response = guard.call(() -> rest.post()
                .uri(RetrievalApi.SEARCH)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .body(SearchResponse.class));
            for (SearchHit hit : response == null ? List.<SearchHit>of() : response.results()) {
                String id = BeirFiles.documentId(hit.sourceUri());
                if (id != null && !ranking.contains(id)) {
                    ranking.add(id);
                }
            }
        }
        catch (RestClientException ex) {
            line.put("error", "search failed: " + ex.getClass().getSimpleName());
        }
        line.put("latency_ms", Math.round((System.nanoTime() - started) / 1e5) / 10.0);
        line.put("ndcg_at_10", RankingMetrics.ndcg(ranking, item.qrels(), 10));
        line.put("recall_at_100", RankingMetrics.recall(ranking, item.qrels(), 100));
        line.put("mrr_at_10", RankingMetrics.reciprocalRank(ranking, item.qrels(), 10));
        line.put("ranking", ranking.subList(0, Math.min(ranking.size(), 10)));
        return line;
    }
}
