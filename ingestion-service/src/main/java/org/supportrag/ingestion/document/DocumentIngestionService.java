package org.supportrag.ingestion.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.chunking.DocumentChunker;
import org.supportrag.ingestion.format.UnreadableFileException;
import org.supportrag.ingestion.index.IndexUnavailableException;
import org.supportrag.ingestion.settings.KnowledgeBaseSettings;
import org.supportrag.ingestion.settings.KnowledgeBaseSettingsRepository;

/**
 * Ingests one file (called by job workers): checks its name and size, reads and chunks it for its kind
 * ({@link DocumentReaders}), and hands each changed unit to the {@link DocumentIndexer}. A file whose content and
 * index settings did not change costs neither embedding nor a retrieval call. A file that cannot be read fails on
 * its own with a fixed, client-safe error; an unavailable index is thrown, so the job retries the file later.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DocumentIngestionService {

    private static final Logger log = LoggerFactory.getLogger(DocumentIngestionService.class);

    // A limit of the retrieval contract (IndexDocumentRequest); the others are the indexer's.
    static final int MAX_NAME_LENGTH = 1000;

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
    private final DocumentReaders readers;
    private final KnowledgeBaseSettingsRepository settings;
    private final IndexSettings indexSettings;
    private final DocumentIndexer indexer;
    private final IngestionProperties properties;
    private final MeterRegistry meters;

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
            units = readers.read(kind.get(), name, bytes, indexSettings.chunking(kind.get(), kbSettings), kbSettings);
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
        String fingerprint = indexSettings.fingerprint(unit.kind(), kbSettings, options);
        Optional<StoredDocument> existing = repository.findBySource(tenantId, knowledgeBase, unit.sourceUri());
        if (existing.isPresent() && existing.get().isIndexedAs(unit.hash(), fingerprint)) {
            return FileResult.of(existing.get(), FileStatus.UNCHANGED);
        }
        try {
            return indexer.index(tenantId, knowledgeBase, unit, options, fingerprint);
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

    /** {@code 10MB}, {@code 256KB}: as sizes are configured, not in bytes. */
    public static String human(org.springframework.util.unit.DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B";
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

    private FileResult count(FileResult result) {
        Counter.builder("rag.ingestion.files")
            .description("Ingested files by outcome")
            .tag("status", result.status().value())
            .register(meters)
            .increment();
        return result;
    }
}
