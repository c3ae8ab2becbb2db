package org.supportrag.ingestion;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import org.supportrag.ingestion.chunking.ChunkingSettings;

/**
 * Ingestion settings, prefix {@code rag.ingestion}.
 *
 * @param retrievalUrl base URL of the retrieval service
 * @param retrievalConnectTimeout connect timeout for calls to retrieval
 * @param retrievalReadTimeout read timeout for calls to retrieval; a large document's index replace takes a while
 * @param generationUrl base URL of the generation service, told about changed and deleted documents
 * @param chunking chunk sizes in embedding-model tokens, for every kind without its own entry
 * @param chunkingByKind chunk sizes per document kind ({@code pdf}, {@code ticket}, ...); knowledge-base settings
 *        override both
 * @param maxFileSize largest single file (or archive entry) ingested; larger ones fail on their own in the job
 * @param jobs the durable job queue
 * @param archives limits for zip archives
 * @param folderImport server-side folder imports
 * @param urlImport imports of web pages by URL
 */
@ConfigurationProperties("rag.ingestion")
public record IngestionProperties(@DefaultValue("http://127.0.0.1:8082") URI retrievalUrl,
        @DefaultValue("2s") Duration retrievalConnectTimeout, @DefaultValue("30s") Duration retrievalReadTimeout,
        @DefaultValue("http://127.0.0.1:8083") URI generationUrl, @DefaultValue ChunkingSettings chunking,
        Map<String, ChunkingSettings> chunkingByKind, @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue Jobs jobs, @DefaultValue Archives archives, @DefaultValue FolderImport folderImport,
        @DefaultValue UrlImport urlImport) {

    public IngestionProperties {
        chunkingByKind = chunkingByKind == null ? Map.of() : Map.copyOf(chunkingByKind);
    }

    /**
     * @param queue the queue this instance enqueues to and works on
     * @param workers worker threads per instance (embedding is CPU-bound: one per spare core); 0 only enqueues
     * @param pollInterval how often an idle worker looks for work
     * @param lease how long a claimed item stays with its worker without a heartbeat; then another worker takes it
     * @param maxAttempts tries of an item (a crash counts) before it is dead-lettered with its last error
     * @param backoff delay before the second try, doubled for each further one
     * @param maxBackoff upper bound of the delay between tries
     * @param retention finished jobs (and dead-lettered change events) older than this are deleted
     * @param cleanupInterval how often workers delete them
     */
    public record Jobs(@DefaultValue("default") String queue, @DefaultValue("1") int workers,
            @DefaultValue("500ms") Duration pollInterval, @DefaultValue("60s") Duration lease,
            @DefaultValue("5") int maxAttempts, @DefaultValue("2s") Duration backoff,
            @DefaultValue("5m") Duration maxBackoff, @DefaultValue("30d") Duration retention,
            @DefaultValue("1h") Duration cleanupInterval) {
    }

    /**
     * @param maxEntries files per archive (nested archives included)
     * @param maxTotalSize uncompressed bytes per archive
     * @param maxRatio uncompressed to compressed size, per entry and for the whole archive
     * @param maxDepth archives inside archives: 1 means no nesting
     */
    public record Archives(@DefaultValue("1000") int maxEntries, @DefaultValue("100MB") DataSize maxTotalSize,
            @DefaultValue("100") int maxRatio, @DefaultValue("2") int maxDepth) {
    }

    /**
     * @param allowedRoots folders (and their subfolders) an admin may import from; empty disables folder imports
     * @param maxFiles files per import
     */
    public record FolderImport(List<Path> allowedRoots, @DefaultValue("2000") int maxFiles) {

        public FolderImport {
            // An empty environment variable binds as one empty path: no roots. A relative root is a mistake.
            allowedRoots = allowedRoots == null ? List.of()
                    : allowedRoots.stream().filter(root -> !root.toString().isBlank()).toList();
            for (Path root : allowedRoots) {
                if (!root.isAbsolute()) {
                    throw new IllegalArgumentException(
                            "rag.ingestion.folder-import.allowed-roots must be absolute paths, was " + root);
                }
            }
        }
    }

    /**
     * @param allowLoopback also fetch from loopback addresses (tests, a documentation server on the same host)
     * @param allowPrivateNetworks also fetch from private, link-local (cloud metadata) and reserved addresses (intranets)
     * @param maxSize largest page fetched
     * @param timeout connect, read and total time per URL
     * @param maxRedirects redirects followed per URL, each one checked again
     * @param maxUrls URLs per import request
     */
    public record UrlImport(@DefaultValue("false") boolean allowLoopback, @DefaultValue("false") boolean allowPrivateNetworks, @DefaultValue("5MB") DataSize maxSize,
            @DefaultValue("20s") Duration timeout, @DefaultValue("5") int maxRedirects, @DefaultValue("100") int maxUrls) {
    }
}
