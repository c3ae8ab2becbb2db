package org.supportrag.generation.retrieval;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchFilters;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.resilience.PeerClients;
import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.resilience.RemoteCallRefusedException;
import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.Question;

/**
 * Searches the caller's knowledge base through the retrieval service. Call it on the thread serving the request
 * (or one carrying its context): the internal token and the trace context come from there. Calls go through the
 * shared guard of remote calls as {@value #BREAKER} (circuit breaker and bulkhead, service-defaults' {@code remote}
 * configuration); not retried: the turn's offline answer or handover comes sooner than a second attempt.
 */
@Component
public class RetrievalClient {

    public static final String UNAVAILABLE = "upstream-unavailable";
    static final String BREAKER = "retrieval";

    private static final Logger log = LoggerFactory.getLogger(RetrievalClient.class);
    // SearchRequest.query is limited to this many characters.
    private static final int MAX_QUERY_CHARS = 4000;
    // SearchRequest.history: at most this many turns of at most this many characters.
    static final int MAX_TURNS = 50;
    static final int MAX_TURN_CHARS = 8000;

    private final RestClient rest;
    private final int topK;
    private final RemoteCall guard;

    RetrievalClient(RestClient.Builder builder, GenerationProperties properties, RemoteCalls remoteCalls) {
        this.rest = PeerClients.create(builder, properties.retrievalUrl(), properties.retrievalConnectTimeout(),
                properties.retrievalReadTimeout());
        this.topK = properties.topK();
        this.guard = remoteCalls.notRetried(BREAKER);
    }

    /** Best chunks first; an unavailable or failing retrieval service is a 503 problem. */
    public List<SearchHit> search(String query, String knowledgeBase) {
        return search(query, knowledgeBase, null, null);
    }

    /**
     * A search for a chat turn: the conversation's earlier messages (both speakers, oldest first) go along, so
     * retrieval can rewrite a follow-up into a standalone query.
     */
    public Found search(String query, String knowledgeBase, List<Question.PriorMessage> history) {
        return search(query, knowledgeBase, history, null, null);
    }

    /**
     * As above in {@code mode} ({@code null}: retrieval's default) retrieving {@code topK} chunks ({@code null}: the
     * configured number): an admin's evaluation run may override both.
     */
    public Found search(String query, String knowledgeBase, List<Question.PriorMessage> history,
            @Nullable String mode, @Nullable Integer topK) {
        SearchResponse response = call(new SearchRequest(bound(query), knowledgeBase,
                topK == null ? this.topK : topK, mode, null, turns(history)), knowledgeBase);
        return new Found(response == null || response.results() == null ? List.of() : response.results(),
                response == null ? null : response.standaloneQuery(),
                response == null || response.queryTerms() == null ? List.of() : response.queryTerms());
    }

    /**
     * @param standaloneQuery what retrieval searched when it rewrote the question with the history; null when it
     *                        searched the question as asked
     * @param queryTerms the searched words and whether the knowledge base contains each (empty: not said)
     */
    public record Found(List<SearchHit> hits, @Nullable String standaloneQuery, List<QueryTerm> queryTerms) {
    }

    /** The last turns within the contract's limits; blank messages are left out. */
    static @Nullable List<ConversationTurn> turns(List<Question.PriorMessage> history) {
        List<ConversationTurn> turns = new ArrayList<>();
        for (Question.PriorMessage message : history.subList(Math.max(0, history.size() - MAX_TURNS),
                history.size())) {
            String text = message.content().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.length() > MAX_TURN_CHARS) {
                text = text.substring(0, MAX_TURN_CHARS);
            }
            turns.add(new ConversationTurn(message.fromCustomer() ? ConversationTurn.USER : ConversationTurn.ASSISTANT,
                    text));
        }
        return turns.isEmpty() ? null : turns;
    }

    /**
     * A search in the given mode ({@code null}: retrieval's default) with filters ({@code null}: none), e.g. the
     * similar past tickets (kind {@code ticket}).
     */
    public List<SearchHit> search(String query, String knowledgeBase, @Nullable String mode,
            @Nullable SearchFilters filters) {
        SearchResponse response = call(new SearchRequest(bound(query), knowledgeBase, topK, mode, filters, null),
                knowledgeBase);
        return response == null || response.results() == null ? List.of() : response.results();
    }

    private static String bound(String query) {
        return query.length() > MAX_QUERY_CHARS ? query.substring(0, MAX_QUERY_CHARS) : query;
    }

    private @Nullable SearchResponse call(SearchRequest request, String knowledgeBase) {
        try {
            return guard.call(() -> rest.post()
                .uri(RetrievalApi.SEARCH)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .body(SearchResponse.class));
        }
        catch (RemoteCallRefusedException ex) {
            log.debug("Retrieval guard: search in knowledge base {} not attempted ({})", knowledgeBase,
                    ex.getMessage());
            throw unavailable();
        }
        catch (RestClientResponseException ex) {
            log.warn("Retrieval answered {} for a search in knowledge base {}", ex.getStatusCode().value(),
                    knowledgeBase);
            throw unavailable();
        }
        catch (RestClientException ex) {
            log.warn("Retrieval unreachable: {}", ex.getMessage());
            throw unavailable();
        }
    }

    private static ApiProblemException unavailable() {
        return ApiProblemException.upstream(UNAVAILABLE, "Search unavailable",
                "The help center search is temporarily unavailable. Please try again in a moment.");
    }
}
