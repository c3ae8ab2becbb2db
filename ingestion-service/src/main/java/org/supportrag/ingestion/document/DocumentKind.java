package org.supportrag.ingestion.document;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.supportrag.ingestion.chunking.CodeChunker;

/** The document formats the ingestion understands, chosen by file extension (and checked against the content). */
public enum DocumentKind {

    MARKDOWN("markdown", "md", "markdown"), TEXT("text", "txt", "text"), PDF("pdf", "pdf"),
    HTML("html", "html", "htm", "xhtml"), CODE("code"), EMAIL("email", "eml"), DOCX("docx", "docx"), ODT("odt", "odt"),
    RTF("rtf", "rtf"), PPTX("pptx", "pptx"), XLSX("xlsx", "xlsx"), TICKET("ticket", "json"),
    ROWS("rows", "jsonl", "ndjson"), CONTRACT("contract");

    private final String value;
    /** The file extensions that choose this kind (CSV and code files are chosen otherwise). */
    private final List<String> extensions;

    DocumentKind(String value, String... extensions) {
        this.value = value;
        this.extensions = List.of(extensions);
    }

    /** As stored and shown in the API. */
    public String value() {
        return value;
    }

    static Optional<DocumentKind> fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        if (extension.equals("csv")) {
            // A CSV is rows unless named as a ticket export; a job can force either kind.
            return Optional.of(name.substring(name.lastIndexOf('/') + 1).contains("ticket") ? TICKET : ROWS);
        }
        for (DocumentKind kind : values()) {
            if (kind.extensions.contains(extension)) {
                return Optional.of(kind);
            }
        }
        return CodeChunker.Language.of(name).map(language -> CODE);
    }

    /** A kind a job may force: its value, or {@code tickets}/{@code row}. */
    public static Optional<DocumentKind> fromValueOrAlias(String value) {
        String normalized = switch (value.toLowerCase(Locale.ROOT)) {
            case "tickets" -> "ticket";
            case "row" -> "rows";
            case "contracts" -> "contract";
            default -> value.toLowerCase(Locale.ROOT);
        };
        for (DocumentKind kind : values()) {
            if (kind.value.equals(normalized)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    static DocumentKind fromValue(String value) {
        for (DocumentKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown document kind: " + value);
    }
}
