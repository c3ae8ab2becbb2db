package org.supportrag.ingestion.document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.chunking.Chunk;
import org.supportrag.ingestion.chunking.ChunkedDocument;
import org.supportrag.ingestion.chunking.ChunkingSettings;
import org.supportrag.ingestion.chunking.DocumentChunker;
import org.supportrag.ingestion.format.LanguageDetector;
import org.supportrag.ingestion.format.UnreadableFileException;
import org.supportrag.ingestion.index.IndexUnavailableException;
import org.supportrag.ingestion.index.RetrievalIndexClient;
import org.supportrag.ingestion.outbox.ChangeOutbox;
import org.supportrag.ingestion.settings.KnowledgeBaseSettings;
import org.supportrag.ingestion.settings.KnowledgeBaseSettingsRepository;

/**
 * Ingests one file (called by job workers): decode, hash, chunk for its kind, embed in batches, replace in the
 * retrieval index, then record the new version with its chunks. A file whose content and index settings did not
 * change costs neither embedding nor a retrieval call. A file that cannot be read fails on its own with a fixed,
 * client-safe error; an unavailable index is thrown, so the job retries the file later.
 */
@Service
public class DocumentIngestionService {

    private static final Logger log = LoggerFactory.getLogger(DocumentIngestionService.class);

    /** Bump when chunking changes in a way that should re-index unchanged documents on their next upload. */
    static final String CHUNKER_VERSION = "2";

    // Limits of the retrieval contract (IndexDocumentRequest).
    static final int MAX_CHUNKS = 10_000;
    static final int MAX_TITLE_LENGTH = 500;
    static final int MAX_NAME_LENGTH = 1000;
    static final int MAX_METADATA_VALUE = 1000;

    static final String UNSUPPORTED_TYPE = "unsupported file type";
    static final String TOO_LARGE = "file too large";

    /** Contracts are recognised by name when no kind is given; any text format can be forced to one. */
    private static final Pattern CONTRACT_NAME = Pattern.compile(
            "(?i).*(contract|agreement|terms-of|terms_of|terms\\b|\\bnda\\b|\\bdpa\\b|\\bmsa\\b|eula).*");

    /**
     * What a job says about the files it ingests.
     *
     * @param kind forces a kind ({@code ticket}, {@code rows}, {@code contract}, ...) instead of detecting it
     * @param aclGroups groups allowed to read the documents; empty: everyone of the tenant
     * @param tags labels stored with the documents and passed to retrieval as metadata
     */
    public record Options(@Nullable String kind, Set<String> aclGroups, Set<String> tags) {

        public static final Options NONE = new Options(null, Set.of(), Set.of());

        public Options {
            aclGroups = Set.copyOf(aclGroups);
            tags = Set.copyOf(tags);
        }
    }

    private final DocumentRepository repository;
    private final RetrievalIndexClient index;
    private final TextEmbedder embedder;
    private final DocumentReaders readers;
    private final TransactionTemplate transactions;
    private final IngestionProperties properties;
    private final KnowledgeBaseSettingsRepository settings;
    private final ChangeOutbox outbox;
    private final JsonMapper json;
    private final MeterRegistry meters;

    DocumentIngestionService(DocumentRepository repository, RetrievalIndexClient index, TextEmbedder embedder,
            DocumentReaders readers, PlatformTransactionManager transactionManager, IngestionProperties properties,
            KnowledgeBaseSettingsRepository settings, ChangeOutbox outbox, JsonMapper json, MeterRegistry meters) {
        this.repository = repository;
        this.index = index;
        this.embedder = embedder;
        this.readers = readers;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.settings = settings;
        this.outbox = outbox;
        this.json = json;
        this.meters = meters;
    }

    /** The kind a file would be ingested as, by its name and the job's forced kind; empty when unsupported. */
    public static Optional<DocumentKind> kindOf(String name, @Nullable String forced) {
        if (forced != null) {
            return DocumentKind.fromValueOrAlias(forced);
        }
        Optional<DocumentKind> kind = DocumentKind.fromFileName(name);
        if (kind.isPresent() && (kind.get() == DocumentKind.MARKDOWN || kind.get() == DocumentKind.TEXT)
                && CONTRACT_NAME.matcher(DocumentChunker.baseName(name)).matches()) {
            return Optional.of(DocumentKind.CONTRACT);
        }
        return kind;
    }

    /**
     * Ingests one file; a ticket export yields one result per ticket.
     *
     * @throws IndexUnavailableException when the retrieval index could not take the document: worth retrying
     */
    public List<FileResult> ingest(String tenantId, String knowledgeBase, String rawName, byte[] bytes, Options options) {
        String name = sourceName(rawName);
        if (name == null) {
            return List.of(count(FileResult.failed("", "missing file name")));
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return List.of(count(FileResult.failed(name.substring(0, 100) + "…", "file name too long")));
        }
        if (bytes.length > properties.maxFileSize().toBytes()) {
            return List.of(count(FileResult.failed(name, TOO_LARGE + " (at most " + human(properties.maxFileSize()) + ")")));
        }
        Optional<DocumentKind> kind = kindOf(name, options.kind());
        if (kind.isEmpty()) {
            return List.of(count(FileResult.failed(name, UNSUPPORTED_TYPE)));
        }
        KnowledgeBaseSettings kbSettings = settings.find(tenantId, knowledgeBase);
        List<IndexUnit> units;
        try {
            units = readers.read(kind.get(), name, bytes, chunking(kind.get(), kbSettings), kbSettings);
        }
        catch (UnreadableFileException ex) {
            return List.of(count(FileResult.failed(name, ex.getMessage())));
        }
        List<FileResult> results = new ArrayList<>();
        for (IndexUnit unit : units) {
            results.add(count(ingestUnit(tenantId, knowledgeBase, unit, options, kbSettings)));
        }
        return results;
    }

    private FileResult ingestUnit(String tenantId, String knowledgeBase, IndexUnit unit, Options options,
            KnowledgeBaseSettings kbSettings) {
        String fingerprint = fingerprint(unit.kind(), kbSettings, options);
        Optional<StoredDocument> existing = repository.findBySource(tenantId, knowledgeBase, unit.sourceUri());
        if (existing.isPresent() && existing.get().isIndexedAs(unit.hash(), fingerprint)) {
            return FileResult.of(existing.get(), FileStatus.UNCHANGED);
        }
        try {
            return index(tenantId, knowledgeBase, unit, options, fingerprint);
        }
        catch (IndexUnavailableException ex) {
            throw ex;
        }
        catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException ex) {
            // The database, not the file: the job retries it.
            throw ex;
        }
        catch (RuntimeException ex) {
            log.warn("Ingesting a {} file failed", unit.kind().value(), ex);
            return FileResult.failed(unit.sourceUri(), "processing failed");
        }
    }

    /** Identifies everything the indexed form depends on besides the content. */
    private String fingerprint(DocumentKind kind, KnowledgeBaseSettings kbSettings, Options options) {
        String rows = kind == DocumentKind.ROWS ? ";rows=" + kbSettings.rows().fingerprint() : "";
        return "model=" + embedder.modelId() + ";" + chunking(kind, kbSettings).fingerprint() + ";chunker="
                + CHUNKER_VERSION + rows + ";acl=" + new TreeSet<>(options.aclGroups()) + ";tags="
                + new TreeSet<>(options.tags());
    }

    private ChunkingSettings chunking(DocumentKind kind, KnowledgeBaseSettings kbSettings) {
        ChunkingSettings own = kbSettings.chunkingFor(kind.value());
        if (own != null) {
            return own;
        }
        return properties.chunkingByKind().getOrDefault(kind.value(), properties.chunking());
    }

    public List<StoredDocument> list(String tenantId, String knowledgeBase) {
        return repository.list(tenantId, knowledgeBase);
    }

    /**
     * Removes the document from the index first, so a failure leaves it listed (and deletable again); records the
     * deletion for generation's cache in the same transaction as the row's removal.
     */
    public void delete(String tenantId, String knowledgeBase, UUID documentId) {
        StoredDocument document = repository.findById(tenantId, knowledgeBase, documentId)
            .orElseThrow(() -> notFound(documentId));
        try {
            transactions.executeWithoutResult(status -> {
                repository.lockSource(tenantId, knowledgeBase, document.sourceUri());
                if (repository.findById(tenantId, knowledgeBase, documentId).isEmpty()) {
                    throw notFound(documentId);
                }
                if (!index.delete(documentId)) {
                    log.info("Document {} was not in the retrieval index; deleting its record", documentId);
                }
                repository.delete(tenantId, documentId);
                outbox.add(tenantId, knowledgeBase, List.of(documentId), ChangeOutbox.DELETED);
            });
        }
        catch (IndexUnavailableException ex) {
            throw ApiProblemException.upstream("index-unavailable", "Index unavailable",
                    "The retrieval index could not remove the document; try again later.");
        }
    }

    private static String limit(String value) {
        return truncate(value, MAX_METADATA_VALUE);
    }

    private FileResult index(String tenantId, String knowledgeBase, IndexUnit unit, Options options, String fingerprint) {
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
            UUID documentId = current.map(StoredDocument::id).orElseGet(() -> documentId(tenantId, knowledgeBase, name));
            index.replace(documentId, request);
            int version = repository.upsert(documentId, tenantId, knowledgeBase, name, title, unit.kind(), unit.hash(),
                    fingerprint, chunks.size(), language, new TreeSet<>(options.tags()), new TreeSet<>(options.aclGroups()),
                    json.writeValueAsString(metadata));
            repository.replaceChunks(tenantId, documentId, rows);
            if (current.isPresent()) {
                outbox.add(tenantId, knowledgeBase, List.of(documentId), ChangeOutbox.UPDATED);
            }
            return new FileResult(documentId, name, current.isPresent() ? FileStatus.UPDATED : FileStatus.CREATED,
                    version, chunks.size(), null);
        });
    }

    /** {@code 10MB}, {@code 256KB}: as sizes are configured, not in bytes. */
    public static String human(org.springframework.util.unit.DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B";
    }

    static UUID documentId(String tenantId, String knowledgeBase, String sourceUri) {
        return UUID.nameUUIDFromBytes((tenantId + "\n" + knowledgeBase + "\n" + sourceUri).getBytes(StandardCharsets.UTF_8));
    }

    /** The name as uploaded, without control characters; null when there is none. */
    public static @Nullable String sourceName(@Nullable String originalFilename) {
        if (originalFilename == null) {
            return null;
        }
        String name = originalFilename.codePoints()
            .filter(codePoint -> !Character.isISOControl(codePoint))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
        return name.isEmpty() ? null : name;
    }

    static String truncate(String value, int maxLength) {
        if (value.length() <= maxLength) {
            return value;
        }
        int end = Character.isLowSurrogate(value.charAt(maxLength)) ? maxLength - 1 : maxLength;
        return value.substring(0, end);
    }

    private FileResult count(FileResult result) {
        Counter.builder("rag.ingestion.files")
            .description("Ingested files by outcome")
            .tag("status", result.status().value())
            .register(meters)
            .increment();
        return result;
    }

    private static ApiProblemException notFound(UUID documentId) {
        return ApiProblemException.notFound("document-not-found", "Document not found",
                "No document " + documentId + " in this knowledge base.");
    }
}
