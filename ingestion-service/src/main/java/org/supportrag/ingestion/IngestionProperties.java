package org.supportrag.ingestion;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.supportrag.ingestion.chunking.ChunkingSettings;

/**
 * Ingestion settings, prefix {@code rag.ingestion}.
 *
 * @param retrievalUrl base URL of the retrieval service (env RAG_RETRIEVAL_URL)
 * @param retrievalConnectTimeout connect timeout for calls to retrieval
 * @param retrievalReadTimeout read timeout for calls to retrieval; a large document's index replace takes a while
 * @param chunking chunk sizes in embedding-model tokens
 */
@ConfigurationProperties("rag.ingestion")
public record IngestionProperties(@DefaultValue("http://127.0.0.1:8082") URI retrievalUrl,
        @DefaultValue("2s") Duration retrievalConnectTimeout, @DefaultValue("30s") Duration retrievalReadTimeout,
        @DefaultValue ChunkingSettings chunking) {
}
