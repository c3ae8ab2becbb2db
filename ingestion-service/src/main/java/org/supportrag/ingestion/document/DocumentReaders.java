package org.supportrag.ingestion.document;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import org.supportrag.defaults.embedding.TokenCounter;
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
import org.supportrag.ingestion.format.DocumentReader;
import org.supportrag.ingestion.format.EmailText;
import org.supportrag.ingestion.format.FileSignatures;
import org.supportrag.ingestion.format.HtmlText;
import org.supportrag.ingestion.format.OfficeReaders;
import org.supportrag.ingestion.format.PdfText;
import org.supportrag.ingestion.format.RowFiles;
import org.supportrag.ingestion.format.RtfText;
import org.supportrag.ingestion.format.TicketExports;
import org.supportrag.ingestion.format.UnreadableFileException;
import org.supportrag.ingestion.settings.KnowledgeBaseSettings;

/**
 * Turns a file of each kind into the units to index: its reader extracts the text, its chunker cuts it. One entry
 * per {@link DocumentKind}, checked when the application starts.
 */
@Component
class DocumentReaders {

    static final String INVALID_UTF8 = "invalid UTF-8";
    static final String EMPTY = "empty file";
    static final String NOT_TEXT = "not a text file";

    /** The readers of kinds with a file format of their own; other kinds are UTF-8 text. */
    private static final Map<DocumentKind, DocumentReader> FORMATS = new EnumMap<>(Map.of(
            DocumentKind.HTML, HtmlText::toMarkdown,
            DocumentKind.EMAIL, EmailText::toMarkdown,
            DocumentKind.DOCX, OfficeReaders.DOCX,
            DocumentKind.ODT, OfficeReaders.ODT,
            DocumentKind.PPTX, OfficeReaders.PPTX,
            DocumentKind.XLSX, OfficeReaders.XLSX,
            DocumentKind.RTF, RtfText::toText,
            DocumentKind.PDF, bytes -> String.join("\n\n", PdfText.extract(bytes).pages())));

    /** How a file of one kind becomes units; a ticket export yields one per ticket. */
    @FunctionalInterface
    private interface KindReader {
        List<IndexUnit> read(String name, byte[] bytes, ChunkingSettings sizes, KnowledgeBaseSettings kbSettings)
                throws UnreadableFileException;
    }

    /** A chunker for the sizes in force. */
    @FunctionalInterface
    private interface Chunking {
        DocumentChunker with(ChunkingSettings sizes, String name);
    }

    private final TokenCounter tokenCounter;
    private final Map<DocumentKind, KindReader> readers = new EnumMap<>(DocumentKind.class);

    DocumentReaders(TokenCounter tokenCounter) {
        this.tokenCounter = tokenCounter;
        Chunking markdown = (sizes, name) -> new MarkdownChunker(tokenCounter, sizes);
        Chunking plain = (sizes, name) -> new PlainTextChunker(tokenCounter, sizes);
        readers.put(DocumentKind.MARKDOWN, text(DocumentKind.MARKDOWN, markdown));
        readers.put(DocumentKind.TEXT, text(DocumentKind.TEXT, plain));
        readers.put(DocumentKind.CODE, text(DocumentKind.CODE,
                (sizes, name) -> new CodeChunker(tokenCounter, sizes, CodeChunker.Language.of(name).orElseThrow())));
        readers.put(DocumentKind.CONTRACT, this::contract);
        for (DocumentKind kind : List.of(DocumentKind.HTML, DocumentKind.EMAIL, DocumentKind.DOCX, DocumentKind.ODT,
                DocumentKind.PPTX, DocumentKind.XLSX)) {
            readers.put(kind, formatted(kind, markdown));
        }
        readers.put(DocumentKind.RTF, formatted(DocumentKind.RTF, plain));
        readers.put(DocumentKind.PDF, this::pdf);
        readers.put(DocumentKind.TICKET, (name, bytes, sizes, kbSettings) -> tickets(name, decodeText(bytes), sizes));
        readers.put(DocumentKind.ROWS, this::rows);
        Set<DocumentKind> missing = EnumSet.complementOf(EnumSet.copyOf(readers.keySet()));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No reader for document kinds " + missing);
        }
    }

    List<IndexUnit> read(DocumentKind kind, String name, byte[] bytes, ChunkingSettings sizes,
            KnowledgeBaseSettings kbSettings) throws UnreadableFileException {
        if (bytes.length == 0) {
            throw new UnreadableFileException(EMPTY);
        }
        return Objects.requireNonNull(readers.get(kind), kind.value()).read(name, bytes, sizes, kbSettings);
    }

    /** Plain UTF-8 text. */
    private static KindReader text(DocumentKind kind, Chunking chunking) {
        return (name, bytes, sizes, kbSettings) -> {
            String content = decodeText(bytes);
            return List.of(IndexUnit.of(name, kind, content, () -> chunking.with(sizes, name).chunk(content, name),
                    Map.of()));
        };
    }

    /** A format with its own reader. */
    private static KindReader formatted(DocumentKind kind, Chunking chunking) {
        DocumentReader reader = Objects.requireNonNull(FORMATS.get(kind), kind.value());
        return (name, bytes, sizes, kbSettings) -> {
            String content = TextContent.normalize(reader.read(bytes));
            if (kind == DocumentKind.HTML && TextContent.looksBinary(content)) {
                throw new UnreadableFileException(HtmlText.NOT_HTML);
            }
            String clean = content.replace("\0", "");
            return List.of(IndexUnit.of(name, kind, clean, () -> chunking.with(sizes, name).chunk(clean, name),
                    Map.of()));
        };
    }

    /** A contract is text by kind, whatever format its file has. */
    private List<IndexUnit> contract(String name, byte[] bytes, ChunkingSettings sizes,
            KnowledgeBaseSettings kbSettings) throws UnreadableFileException {
        DocumentReader format = FORMATS.get(DocumentKind.fromFileName(name).orElse(DocumentKind.TEXT));
        String content = isTextName(name) || format == null ? decodeText(bytes)
                : TextContent.normalize(format.read(bytes));
        return List.of(IndexUnit.of(name, DocumentKind.CONTRACT, content,
                () -> new ContractChunker(tokenCounter, sizes).chunk(content, name), Map.of()));
    }

    private List<IndexUnit> pdf(String name, byte[] bytes, ChunkingSettings sizes, KnowledgeBaseSettings kbSettings)
            throws UnreadableFileException {
        PdfText pdf = PdfText.extract(bytes);
        String canonical = Objects.requireNonNullElse(pdf.title(), "") + "\f" + String.join("\f", pdf.pages());
        return List.of(new IndexUnit(name, DocumentKind.PDF, TextContent.sha256Hex(canonical),
                String.join("\f", pdf.pages()), () -> new PdfChunker(tokenCounter, sizes).chunk(pdf.title(),
                        pdf.pages(), name), Map.of()));
    }

    private List<IndexUnit> rows(String name, byte[] bytes, ChunkingSettings sizes, KnowledgeBaseSettings kbSettings)
            throws UnreadableFileException {
        String content = decodeText(bytes);
        List<Map<String, String>> rows = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? RowFiles.readCsv(content)
                : RowFiles.readJsonLines(content);
        KnowledgeBaseSettings.RowSettings rowSettings = kbSettings.rows();
        List<String> textColumns = new ArrayList<>(rowSettings.textColumns());
        if (!textColumns.isEmpty()) {
            textColumns.addAll(rowSettings.metadataColumns());
        }
        return List.of(IndexUnit.of(name, DocumentKind.ROWS, content,
                () -> new RowChunker(tokenCounter, sizes).chunk(rows, name, rowSettings.titleColumn(), textColumns),
                fileWideValues(rows, rowSettings.metadataColumns())));
    }

    /** One document per ticket, named {@code export.json#<ticket id>}; the outcome and status become metadata. */
    private List<IndexUnit> tickets(String name, String content, ChunkingSettings sizes)
            throws UnreadableFileException {
        List<Ticket> tickets = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? TicketExports.readCsv(content)
                : TicketExports.readJson(content);
        TicketChunker chunker = new TicketChunker(tokenCounter, sizes);
        List<IndexUnit> units = new ArrayList<>();
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
            units.add(new IndexUnit(name + "#" + ticket.id(), DocumentKind.TICKET,
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
        return DocumentIndexer.truncate(value, DocumentIndexer.MAX_METADATA_VALUE);
    }

    private static boolean isTextName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".txt") || lower.endsWith(".text");
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
}
