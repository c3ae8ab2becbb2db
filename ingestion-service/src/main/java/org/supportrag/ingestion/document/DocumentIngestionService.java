package org.supportrag.ingestion.document;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.chunking.Chunk;
import org.supportrag.ingestion.chunking.ChunkedDocument;
import org.supportrag.ingestion.chunking.CodeChunker;
import org.supportrag.ingestion.chunking.DocumentChunker;
import org.supportrag.ingestion.chunking.MarkdownChunker;
import org.supportrag.ingestion.chunking.PdfChunker;
import org.supportrag.ingestion.chunking.PlainTextChunker;
import org.supportrag.ingestion.format.EmailText;
import org.supportrag.ingestion.format.FileSignatures;
import org.supportrag.ingestion.format.HtmlText;
import org.supportrag.ingestion.format.OfficeText;
import org.supportrag.ingestion.format.PdfText;
import org.supportrag.ingestion.format.RtfText;
import org.supportrag.ingestion.format.UnreadableFileException;
import org.supportrag.ingestion.index.IndexUnavailableException;
import org.supportrag.ingestion.index.RetrievalIndexClient;

/**
 * Uploads: per file decode, hash, chunk, embed, replace in the retrieval index, then record the new version. A file
 * whose content (and index settings) did not change costs neither embedding nor a retrieval call. One file failing
 * never affects the others.
 */
@Service
class DocumentIngestionService {

    private static final Logger log = LoggerFactory.getLogger(DocumentIngestionService.class);

    /** Bump when chunking changes in a way that should re-index unchanged documents on their next upload. */
    static final String CHUNKER_VERSION = "1";

    // Limits of the retrieval contract (IndexDocumentRequest).
    static final int MAX_CHUNKS = 10_000;
    static final int MAX_TITLE_LENGTH = 500;
    static final int MAX_NAME_LENGTH = 1000;

    static final String UNSUPPORTED_TYPE = "unsupported file type";
    static final String INVALID_UTF8 = "invalid UTF-8";
    static final String EMPTY = "empty file";
    static final String NOT_TEXT = "not a text file";
    static final String INDEX_UNAVAILABLE = "index unavailable";

    private final DocumentRepository repository;
    private final RetrievalIndexClient index;
    private final TextEmbedder embedder;
    private final TransactionTemplate transactions;
    private final DocumentChunker markdown;
    private final DocumentChunker text;
    private final PdfChunker pdf;
    private final Map<CodeChunker.Language, CodeChunker> code = new EnumMap<>(CodeChunker.Language.class);
    private final String indexFingerprint;
    private final MeterRegistry meters;

    DocumentIngestionService(DocumentRepository repository, RetrievalIndexClient index, TextEmbedder embedder,
            TokenCounter tokenCounter, PlatformTransactionManager transactionManager, IngestionProperties properties,
            MeterRegistry meters) {
        this.repository = repository;
        this.index = index;
        this.embedder = embedder;
        this.transactions = new TransactionTemplate(transactionManager);
        this.markdown = new MarkdownChunker(tokenCounter, properties.chunking());
        this.text = new PlainTextChunker(tokenCounter, properties.chunking());
        this.pdf = new PdfChunker(tokenCounter, properties.chunking());
        for (CodeChunker.Language language : CodeChunker.Language.values()) {
            code.put(language, new CodeChunker(tokenCounter, properties.chunking(), language));
        }
        this.indexFingerprint = "model=" + embedder.modelId() + ";" + properties.chunking().fingerprint() + ";chunker="
                + CHUNKER_VERSION;
        this.meters = meters;
    }

    UploadResponse upload(String tenantId, String knowledgeBase, List<MultipartFile> files) {
        List<FileResult> results = new ArrayList<>(files.size());
        for (MultipartFile file : files) {
            FileResult result = ingest(tenantId, knowledgeBase, file);
            count(result);
            results.add(result);
        }
        UploadResponse response = UploadResponse.of(knowledgeBase, results);
        log.info("Upload to knowledge base {}: {} created, {} updated, {} unchanged, {} failed", knowledgeBase,
                response.created(), response.updated(), response.unchanged(), response.failed());
        return response;
    }

    List<StoredDocument> list(String tenantId, String knowledgeBase) {
        return repository.list(tenantId, knowledgeBase);
    }

    /** Removes the document from the index first, so a failure leaves it listed (and deletable again). */
    void delete(String tenantId, String knowledgeBase, UUID documentId) {
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
            });
        }
        catch (IndexUnavailableException ex) {
            throw ApiProblemException.upstream("index-unavailable", "Index unavailable",
                    "The retrieval index could not remove the document; try again later.");
        }
    }

    private FileResult ingest(String tenantId, String knowledgeBase, MultipartFile file) {
        String name = sourceName(file.getOriginalFilename());
        if (name == null) {
            return FileResult.failed("", "missing file name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return FileResult.failed(name.substring(0, 100) + "…", "file name too long");
        }
        Optional<DocumentKind> kind = DocumentKind.fromFileName(name);
        if (kind.isEmpty()) {
            return FileResult.failed(name, UNSUPPORTED_TYPE);
        }
        Prepared prepared;
        try {
            prepared = prepare(kind.get(), file.getBytes(), name);
        }
        catch (UnreadableFileException ex) {
            return FileResult.failed(name, ex.getMessage());
        }
        catch (IOException ex) {
            log.warn("Could not read uploaded file part", ex);
            return FileResult.failed(name, "could not read file");
        }
        String hash = prepared.hash();
        Optional<StoredDocument> existing = repository.findBySource(tenantId, knowledgeBase, name);
        if (existing.isPresent() && existing.get().isIndexedAs(hash, indexFingerprint)) {
            return FileResult.of(existing.get(), FileStatus.UNCHANGED);
        }
        try {
            return index(tenantId, knowledgeBase, name, kind.get(), prepared.chunking(), hash);
        }
        catch (IndexUnavailableException ex) {
            return FileResult.failed(name, INDEX_UNAVAILABLE);
        }
        catch (DataAccessException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            log.warn("Ingesting a {} file failed", kind.get().value(), ex);
            return FileResult.failed(name, "processing failed");
        }
    }

    /** A file turned into text: the hash of that text, and how to chunk it (only needed when it changed). */
    private record Prepared(String hash, Supplier<ChunkedDocument> chunking) {
    }

    /** Extracts the text of a file of the given kind; the hash is of the extracted text, so only content counts. */
    private Prepared prepare(DocumentKind kind, byte[] bytes, String name) throws UnreadableFileException {
        if (bytes.length == 0) {
            throw new UnreadableFileException(EMPTY);
        }
        return switch (kind) {
            case MARKDOWN, TEXT, CODE -> {
                String content = decodeText(bytes);
                DocumentChunker chunker = switch (kind) {
                    case MARKDOWN -> markdown;
                    case CODE -> code.get(CodeChunker.Language.of(name).orElseThrow());
                    default -> text;
                };
                yield new Prepared(TextContent.sha256Hex(content), () -> chunker.chunk(content, name));
            }
            case HTML -> {
                String content = TextContent.normalize(HtmlText.toMarkdown(bytes));
                if (TextContent.looksBinary(content)) {
                    throw new UnreadableFileException(HtmlText.NOT_HTML);
                }
                yield new Prepared(TextContent.sha256Hex(content), () -> markdown.chunk(content, name));
            }
            case EMAIL, DOCX, ODT, PPTX, XLSX -> {
                String content = TextContent.normalize(switch (kind) {
                    case EMAIL -> EmailText.toMarkdown(bytes);
                    case DOCX -> OfficeText.docxToMarkdown(bytes);
                    case PPTX -> OfficeText.pptxToMarkdown(bytes);
                    case XLSX -> OfficeText.xlsxToMarkdown(bytes);
                    default -> OfficeText.odtToMarkdown(bytes);
                }).replace("\0", "");
                yield new Prepared(TextContent.sha256Hex(content), () -> markdown.chunk(content, name));
            }
            case RTF -> {
                String content = TextContent.normalize(RtfText.toText(bytes));
                yield new Prepared(TextContent.sha256Hex(content), () -> text.chunk(content, name));
            }
            case PDF -> {
                PdfText pdf = PdfText.extract(bytes);
                String canonical = Objects.requireNonNullElse(pdf.title(), "") + "\f" + String.join("\f", pdf.pages());
                yield new Prepared(TextContent.sha256Hex(canonical), () -> this.pdf.chunk(pdf.title(), pdf.pages(), name));
            }
        };
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

    private FileResult index(String tenantId, String knowledgeBase, String name, DocumentKind kind,
            Supplier<ChunkedDocument> chunking, String hash) {
        ChunkedDocument document = chunking.get();
        List<Chunk> chunks = document.chunks();
        if (chunks.isEmpty()) {
            return FileResult.failed(name, "no text to index");
        }
        if (chunks.size() > MAX_CHUNKS) {
            return FileResult.failed(name, "document too large to index");
        }
        // Embedding is the slow part: done before taking the per-source lock.
        List<float[]> vectors = embedder.embedDocuments(chunks.stream().map(Chunk::embeddingText).toList());
        List<IndexChunk> indexChunks = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            indexChunks.add(new IndexChunk(i, chunk.text(), chunk.sectionPath(), chunk.tokenCount(), vectors.get(i)));
        }
        String title = truncate(document.title(), MAX_TITLE_LENGTH);
        log.debug("Indexing {} chunks of a {} document", chunks.size(), kind.value());
        return transactions.execute(status -> {
            repository.lockSource(tenantId, knowledgeBase, name);
            Optional<StoredDocument> current = repository.findBySource(tenantId, knowledgeBase, name);
            if (current.isPresent() && current.get().isIndexedAs(hash, indexFingerprint)) {
                // A concurrent upload of the same content got here first.
                return FileResult.of(current.get(), FileStatus.UNCHANGED);
            }
            // The id stays stable across versions, so the index replaces the document's chunks in place.
            UUID documentId = current.map(StoredDocument::id).orElseGet(UUID::randomUUID);
            index.replace(documentId, new IndexDocumentRequest(knowledgeBase, title, name, indexChunks));
            int version = repository.upsert(documentId, tenantId, knowledgeBase, name, title, kind, hash,
                    indexFingerprint, chunks.size());
            return new FileResult(documentId, name, current.isPresent() ? FileStatus.UPDATED : FileStatus.CREATED,
                    version, chunks.size(), null);
        });
    }

    /** The name as uploaded, without control characters; null when there is none. */
    static @Nullable String sourceName(@Nullable String originalFilename) {
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

    private void count(FileResult result) {
        Counter.builder("rag.ingestion.files")
            .description("Uploaded files by outcome")
            .tag("status", result.status().value())
            .register(meters)
            .increment();
    }

    private static ApiProblemException notFound(UUID documentId) {
        return ApiProblemException.notFound("document-not-found", "Document not found",
                "No document " + documentId + " in this knowledge base.");
    }
}
