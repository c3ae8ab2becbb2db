package org.supportrag.ingestion.document;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
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
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.chunking.Chunk;
import org.supportrag.ingestion.chunking.ChunkedDocument;
import org.supportrag.ingestion.chunking.ChunkingSettings;
import org.supportrag.ingestion.chunking.CodeChunker;
import org.supportrag.ingestion.chunking.ContractChunker;
import org.supportrag.ingestion.chunking.DocumentChunker;
import org.supportrag.ingestion.chunking.MarkdownChunker;
import org.supportrag.ingestion.chunking.PdfChunker;
import org.supportrag.ingestion.chunking.PlainTextChunker;
import org.supportrag.ingestion.chunking.RowChunker;
import org.supportrag.ingestion.chunking.Ticket;
import org.supportrag.ingestion.chunking.TicketChunker;
import org.supportrag.ingestion.format.EmailText;
import org.supportrag.ingestion.format.FileSignatures;
import org.supportrag.ingestion.format.HtmlText;
import org.supportrag.ingestion.format.LanguageDetector;
import org.supportrag.ingestion.format.OfficeText;
import org.supportrag.ingestion.format.PdfText;
import org.supportrag.ingestion.format.RowFiles;
import org.supportrag.ingestion.format.RtfText;
import org.supportrag.ingestion.format.TicketExports;
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
    static final String INVALID_UTF8 = "invalid UTF-8";
    static final String EMPTY = "empty file";
    static final String NOT_TEXT = "not a text file";
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
    private final TokenCounter tokenCounter;
    private final TransactionTemplate transactions;
    private final IngestionProperties properties;
    private final KnowledgeBaseSettingsRepository settings;
    private final ChangeOutbox outbox;
    private final JsonMapper json;
    private final MeterRegistry meters;

    DocumentIngestionService(DocumentRepository repository, RetrievalIndexClient index, TextEmbedder embedder,
            TokenCounter tokenCounter, PlatformTransactionManager transactionManager, IngestionProperties properties,
            KnowledgeBaseSettingsRepository settings, ChangeOutbox outbox, JsonMapper json, MeterRegistry meters) {
        this.repository = repository;
        this.index = index;
        this.embedder = embedder;
        this.tokenCounter = tokenCounter;
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
        List<Unit> units;
        try {
            units = prepare(kind.get(), bytes, name, kbSettings);
        }
        catch (UnreadableFileException ex) {
            return List.of(count(FileResult.failed(name, ex.getMessage())));
        }
        List<FileResult> results = new ArrayList<>();
        for (Unit unit : units) {
            results.add(count(ingestUnit(tenantId, knowledgeBase, unit, options, kbSettings)));
        }
        return results;
    }

    private FileResult ingestUnit(String tenantId, String knowledgeBase, Unit unit, Options options,
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

    /**
     * One document to index: a file, or one ticket of a ticket export.
     *
     * @param text the extracted text, for language detection and chunk offsets
     */
    private record Unit(String sourceUri, DocumentKind kind, String hash, String text,
            Supplier<ChunkedDocument> chunking, Map<String, String> metadata) {
    }

    private List<Unit> prepare(DocumentKind kind, byte[] bytes, String name, KnowledgeBaseSettings kbSettings)
            throws UnreadableFileException {
        if (bytes.length == 0) {
            throw new UnreadableFileException(EMPTY);
        }
        ChunkingSettings sizes = chunking(kind, kbSettings);
        return switch (kind) {
            case MARKDOWN, TEXT, CODE, CONTRACT -> {
                String content = isTextName(name) || kind != DocumentKind.CONTRACT ? decodeText(bytes)
                        : TextContent.normalize(extract(DocumentKind.fromFileName(name).orElse(DocumentKind.TEXT), bytes));
                Function<String, ChunkedDocument> chunker = switch (kind) {
                    case MARKDOWN -> text -> new MarkdownChunker(tokenCounter, sizes).chunk(text, name);
                    case CODE -> text -> new CodeChunker(tokenCounter, sizes, CodeChunker.Language.of(name).orElseThrow())
                        .chunk(text, name);
                    case CONTRACT -> text -> new ContractChunker(tokenCounter, sizes).chunk(text, name);
                    default -> text -> new PlainTextChunker(tokenCounter, sizes).chunk(text, name);
                };
                yield List.of(unit(name, kind, content, () -> chunker.apply(content), Map.of()));
            }
            case HTML, EMAIL, DOCX, ODT, PPTX, XLSX -> {
                String content = TextContent.normalize(extract(kind, bytes));
                if (kind == DocumentKind.HTML && TextContent.looksBinary(content)) {
                    throw new UnreadableFileException(HtmlText.NOT_HTML);
                }
                String clean = content.replace("\0", "");
                yield List.of(unit(name, kind, clean, () -> new MarkdownChunker(tokenCounter, sizes).chunk(clean, name),
                        Map.of()));
            }
            case RTF -> {
                String content = TextContent.normalize(RtfText.toText(bytes));
                yield List.of(unit(name, kind, content, () -> new PlainTextChunker(tokenCounter, sizes).chunk(content, name),
                        Map.of()));
            }
            case PDF -> {
                PdfText pdf = PdfText.extract(bytes);
                String canonical = Objects.requireNonNullElse(pdf.title(), "") + "\f" + String.join("\f", pdf.pages());
                yield List.of(new Unit(name, kind, TextContent.sha256Hex(canonical), String.join("\f", pdf.pages()),
                        () -> new PdfChunker(tokenCounter, sizes).chunk(pdf.title(), pdf.pages(), name), Map.of()));
            }
            case TICKET -> tickets(name, decodeText(bytes), sizes);
            case ROWS -> {
                String content = decodeText(bytes);
                List<Map<String, String>> rows = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? RowFiles.readCsv(content)
                        : RowFiles.readJsonLines(content);
                KnowledgeBaseSettings.RowSettings rowSettings = kbSettings.rows();
                List<String> textColumns = new ArrayList<>(rowSettings.textColumns());
                if (!textColumns.isEmpty()) {
                    textColumns.addAll(rowSettings.metadataColumns());
                }
                yield List.of(unit(name, kind, content,
                        () -> new RowChunker(tokenCounter, sizes).chunk(rows, name, rowSettings.titleColumn(), textColumns),
                        fileWideValues(rows, rowSettings.metadataColumns())));
            }
        };
    }

    private Unit unit(String name, DocumentKind kind, String content, Supplier<ChunkedDocument> chunking,
            Map<String, String> metadata) {
        return new Unit(name, kind, TextContent.sha256Hex(content), content, chunking, metadata);
    }

    private static String extract(DocumentKind kind, byte[] bytes) throws UnreadableFileException {
        return switch (kind) {
            case HTML -> HtmlText.toMarkdown(bytes);
            case EMAIL -> EmailText.toMarkdown(bytes);
            case DOCX -> OfficeText.docxToMarkdown(bytes);
            case PPTX -> OfficeText.pptxToMarkdown(bytes);
            case XLSX -> OfficeText.xlsxToMarkdown(bytes);
            case ODT -> OfficeText.odtToMarkdown(bytes);
            case RTF -> RtfText.toText(bytes);
            case PDF -> String.join("\n\n", PdfText.extract(bytes).pages());
            default -> decodeText(bytes);
        };
    }

    private static boolean isTextName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".txt") || lower.endsWith(".text");
    }

    /** One document per ticket, named {@code export.json#<ticket id>}; the outcome and status become metadata. */
    private List<Unit> tickets(String name, String content, ChunkingSettings sizes) throws UnreadableFileException {
        List<Ticket> tickets = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? TicketExports.readCsv(content)
                : TicketExports.readJson(content);
        TicketChunker chunker = new TicketChunker(tokenCounter, sizes);
        List<Unit> units = new ArrayList<>();
        for (Ticket ticket : tickets) {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("ticketId", limit(ticket.id()));
            metadata.put("outcome", limit(ticket.outcome()));
            if (ticket.status() != null) {
                metadata.put("status", limit(ticket.status()));
            }
            if (!ticket.tags().isEmpty()) {
                metadata.put("ticketTags", limit(String.join(",", ticket.tags())));
            }
            ChunkedDocument chunked = chunker.chunk(ticket);
            String text = String.join("\n\n", chunked.chunks().stream().map(Chunk::text).toList());
            units.add(new Unit(name + "#" + ticket.id(), DocumentKind.TICKET,
                    TextContent.sha256Hex(text + "\u0000" + metadata), text, () -> chunked, Map.copyOf(metadata)));
        }
        return units;
    }

    /** Metadata columns with one value across the whole file become document metadata (search filters). */
    private static Map<String, String> fileWideValues(List<Map<String, String>> rows, List<String> columns) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String column : columns) {
            Set<String> values = new TreeSet<>();
            rows.forEach(row -> {
                String value = row.get(column);
                if (value != null && !value.isBlank()) {
                    values.add(value.strip());
                }
            });
            if (values.size() == 1) {
                metadata.put(column, limit(values.iterator().next()));
            }
        }
        return metadata;
    }

    private static String limit(String value) {
        return truncate(value, MAX_METADATA_VALUE);
    }

    private static String decodeText(byte[] bytes) throws UnreadableFileException {
        if (FileSignatures.looksBinary(bytes)) {
            throw new UnreadableFileException(NOT_TEXT);
        }
        String content;
        try {
            content = TextContent.normalize(TextContent.decodeUtf8(bytes));
        }
        catch (CharacterCodingException ex) {
            throw new UnreadableFileException(INVALID_UTF8);
        }
        if (content.isBlank()) {
            throw new UnreadableFileException(EMPTY);
        }
        if (TextContent.looksBinary(content)) {
            throw new UnreadableFileException(NOT_TEXT);
        }
        return content;
    }

    private FileResult index(String tenantId, String knowledgeBase, Unit unit, Options options, String fingerprint) {
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

    private static String truncate(String value, int maxLength) {
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
