package org.supportrag.generation.retrieval;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchFilters;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.contracts.retrieval.v1.SearchResponse;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.generation.GenerationProperties;

/**
 * Searches the caller's knowledge base through the retrieval service. Call it on the thread serving the request
 * (or one carrying its context): the internal token and the trace context come from there.
 */
@Component
public class RetrievalClient {

    public static final String UNAVAILABLE = "upstream-unavailable";

    private static final Logger log = LoggerFactory.getLogger(RetrievalClient.class);
    // SearchRequest.query is limited to this many characters.
    private static final int MAX_QUERY_CHARS = 4000;

    private final RestClient rest;
    private final int topK;

    public RetrievalClient(RestClient.Builder builder, GenerationProperties properties) {
        HttpClientSettings timeouts = HttpClientSettings.defaults()
            .withTimeouts(properties.retrievalConnectTimeout(), properties.retrievalReadTimeout());
        this.rest = builder.baseUrl(properties.retrievalUrl().toString())
            .requestFactory(ClientHttpRequestFactoryBuilder.detect().build(timeouts))
            .build();
        this.topK = properties.topK();
    }

    /** Best chunks first; an unavailable or failing retrieval service is a 503 problem. */
    public List<SearchHit> search(String query, String knowledgeBase) {
        return search(query, knowledgeBase, null, null);
    }

    /**
     * A search in the given mode ({@code null}: retrieval's default) with filters ({@code null}: none), e.g. the
     * similar past tickets (kind {@code ticket}).
     */
    public List<SearchHit> search(String query, String knowledgeBase, @Nullable String mode,
            @Nullable SearchFilters filters) {
        return search(query, knowledgeBase, mode, filters, null);
    }

    /** A search as above retrieving {@code topK} chunks ({@code null}: the configured number), for evaluation runs. */
    public List<SearchHit> search(String query, String knowledgeBase, @Nullable String mode,
            @Nullable SearchFilters filters, @Nullable Integer topK) {
        String bounded = query.length() > MAX_QUERY_CHARS ? query.substring(0, MAX_QUERY_CHARS) : query;
        try {
            SearchResponse response = rest.post()
                .uri(RetrievalApi.SEARCH)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(new SearchRequest(bounded, knowledgeBase, topK == null ? this.topK : topK, mode, filters, null))
                .retrieve()
                .body(SearchResponse.class);
            return response == null || response.results() == null ? List.of() : response.results();
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
