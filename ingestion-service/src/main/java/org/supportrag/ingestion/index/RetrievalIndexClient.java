package org.supportrag.ingestion.index;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.contracts.retrieval.v1.IndexDocumentResponse;
import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.ingestion.IngestionProperties;

/**
 * Writes documents to the retrieval service's index. Calls run as the current caller: the internal token (and so
 * the tenant) is added by the shared {@code RestClient} customizer, the trace context by Boot's observation. Guarded as
 * {@code retrieval-index} (breaker, bulkhead) and not retried here: the job retries with its own backoff.
 */
@Component
public class RetrievalIndexClient {

    private static final Logger log = LoggerFactory.getLogger(RetrievalIndexClient.class);

    private final RestClient client;
    private final RemoteCall guard;

    RetrievalIndexClient(RestClient.Builder builder, IngestionProperties properties,
            ObjectProvider<HttpClientSettings> clientSettings, RemoteCalls remoteCalls) {
        this.guard = remoteCalls.notRetried("retrieval-index");
        HttpClientSettings settings = clientSettings.getIfAvailable(HttpClientSettings::defaults)
            .withTimeouts(properties.retrievalConnectTimeout(), properties.retrievalReadTimeout());
        this.client = builder.baseUrl(properties.retrievalUrl().toString())
            // The JDK client, not httpclient5 (on the classpath for URL imports): its default retry of 503
            // answers would hide failures from the job's own retries and backoff.
            .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
            .build();
    }

    /** Replaces every chunk of the document in the index (the retrieval side does it in one transaction). */
    public IndexDocumentResponse replace(UUID documentId, IndexDocumentRequest request) {
        try {
            IndexDocumentResponse response = guard.call(() -> client.put()
                .uri(RetrievalApi.INDEX_DOCUMENT, documentId)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .body(IndexDocumentResponse.class));
            if (response == null) {
                throw new IndexUnavailableException("Retrieval answered the index replace without a body", null);
            }
            return response;
        }
        catch (RestClientException ex) {
            throw unavailable("replace", documentId, ex);
        }
    }

    /** Removes the document from the index; false when the index did not know it. */
    public boolean delete(UUID documentId) {
        try {
            guard.run(() -> client.delete().uri(RetrievalApi.INDEX_DOCUMENT, documentId).retrieve().toBodilessEntity());
            return true;
        }
        catch (HttpClientErrorException.NotFound ex) {
            return false;
        }
        catch (RestClientException ex) {
            throw unavailable("delete", documentId, ex);
        }
    }

    private static IndexUnavailableException unavailable(String operation, UUID documentId, RestClientException ex) {
        if (ex instanceof RestClientResponseException response) {
            log.warn("Retrieval index {} of document {} failed with HTTP {}", operation, documentId,
                    response.getStatusCode().value());
        }
        else {
            log.warn("Retrieval index {} of document {} failed: {}", operation, documentId, ex.toString());
        }
        return new IndexUnavailableException("Retrieval index " + operation + " failed", ex);
    }
}
