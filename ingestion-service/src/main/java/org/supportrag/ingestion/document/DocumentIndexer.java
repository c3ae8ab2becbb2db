package org.supportrag.ingestion.document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.ingestion.chunking.Chunk;
import org.supportrag.ingestion.chunking.ChunkedDocument;
import org.supportrag.ingestion.document.DocumentIngestionService.Options;
import org.supportrag.ingestion.format.LanguageDetector;
import org.supportrag.ingestion.index.RetrievalIndexClient;
import org.supportrag.ingestion.outbox.ChangeOutbox;

/**
 * Indexes one chunked unit: embeds its chunks in batches, replaces the document in the retrieval index and records
 * the new version with its chunks, under the per-source lock; records the change for generation's cache.
 */
@Component
@RequiredArgsConstructor
class DocumentIndexer {

    private static final Logger log = LoggerFactory.getLogger(DocumentIndexer.class);

    // Limits of the retrieval contract (IndexDocumentRequest).
    static final int MAX_CHUNKS = 10_000;
    static final int MAX_TITLE_LENGTH = 500;
    static final int MAX_METADATA_VALUE = 1000;

    private final DocumentRepository repository;
    private final RetrievalIndexClient index;
    private final TextEmbedder embedder;
    private final TransactionTemplate transactions;
    private final ChangeOutbox outbox;
    private final JsonMapper json;

    FileResult index(String tenantId, String knowledgeBase, IndexUnit unit, Options options, String fingerprint) {
        ChunkedDocument document = unit.chunking().get();
        List<Chunk> chunks = document.chunks();
        String name = unit.sourceUri();
        if (chunks.isEmpty()) {
            return FileResult.failed(name, "no text to index");
        }
        if (chunks.size() > MAX_CHUNKS) {
            return FileResult.failed(name, "document too large to index");
        }
        // Embedding is the slow part: done before taking the per-source lock.
        List<float[]> vectors = embedder.embedDocuments(chunks.stream().map(Chunk::embeddingText).toList());
        List<IndexChunk> indexChunks = new ArrayList<>(chunks.size());
        List<DocumentRepository.ChunkRow> rows = new ArrayList<>(chunks.size());
        int cursor = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            indexChunks.add(new IndexChunk(i, chunk.text(), chunk.sectionPath(), chunk.tokenCount(), vectors.get(i)));
            int start = unit.text().indexOf(chunk.text(), cursor);
            if (start < 0) {
                start = unit.text().indexOf(chunk.text());
            }
            if (start >= 0) {
                cursor = start + 1;
            }
            rows.add(new DocumentRepository.ChunkRow(i, chunk.text(), chunk.sectionPath(), chunk.page(),
                    start < 0 ? null : start, start < 0 ? null : start + chunk.text().length(), chunk.tokenCount()));
        }
        String title = truncate(document.title(), MAX_TITLE_LENGTH);
        String language = LanguageDetector.detect(unit.text());
        Map<String, String> metadata = new LinkedHashMap<>(unit.metadata());
        if (!options.tags().isEmpty()) {
            metadata.put("tags", limit(String.join(",", new TreeSet<>(options.tags()))));
        }
        IndexDocumentRequest request = new IndexDocumentRequest(knowledgeBase, title, name, indexChunks,
                unit.kind().value(), language, options.aclGroups(), Map.copyOf(metadata));
        log.debug("Indexing {} chunks of a {} document", chunks.size(), unit.kind().value());
        return transactions.execute(status -> {
            repository.lockSource(tenantId, knowledgeBase, name);
            Optional<StoredDocument> current = repository.findBySource(tenantId, knowledgeBase, name);
            if (current.isPresent() && current.get().isIndexedAs(unit.hash(), fingerprint)) {
                // A concurrent upload of the same content got here first.
                return FileResult.of(current.get(), FileStatus.UNCHANGED);
            }
            // Stable across versions and derived from the name: a retry after a crash between the index call and
            // this commit replaces the same document in the index instead of adding a second copy.
            UUID documentId = current.map(StoredDocument::id).orElseGet(() -> documentId(tenantId, knowledgeBase,
                    name));
            index.replace(documentId, request);
            int version = repository.upsert(documentId, tenantId, knowledgeBase, name, title, unit.kind(), unit.hash(),
                    fingerprint, chunks.size(), language, new TreeSet<>(options.tags()),
                            new TreeSet<>(options.aclGroups()),
                    json.writeValueAsString(metadata));
            repository.replaceChunks(tenantId, documentId, rows);
            if (current.isPresent()) {
                outbox.add(tenantId, knowledgeBase, List.of(documentId), ChangeOutbox.UPDATED);
            }
            return new FileResult(documentId, name, current.isPresent() ? FileStatus.UPDATED : FileStatus.CREATED,
                    version, chunks.size(), null);
        });
    }

    static UUID documentId(String tenantId, String knowledgeBase, String sourceUri) {
        return UUID.nameUUIDFromBytes(
                (tenantId + "\n" + knowledgeBase + "\n" + sourceUri).getBytes(StandardCharsets.UTF_8));
    }

    private static String limit(String value) {
        return truncate(value, MAX_METADATA_VALUE);
    }

    static String truncate(String value, int maxLength) {
        if (value.length() <= maxLength) {
            return value;
        }
        int end = Character.isLowSurrogate(value.charAt(maxLength)) ? maxLength - 1 : maxLength;
        return value.substring(0, end);
    }
}
