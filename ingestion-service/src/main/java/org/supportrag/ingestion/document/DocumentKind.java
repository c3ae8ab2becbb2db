package org.supportrag.ingestion.document;

import java.util.Locale;
import java.util.Optional;

import org.supportrag.ingestion.chunking.CodeChunker;

/** The document formats the ingestion understands, chosen by file extension (and checked against the content). */
public enum DocumentKind {

    MARKDOWN("markdown"), TEXT("text"), PDF("pdf"), HTML("html"), CODE("code"), EMAIL("email"), DOCX("docx"), ODT("odt"), RTF("rtf"), PPTX("pptx"), XLSX("xlsx"),
    TICKET("ticket"), ROWS("rows"), CONTRACT("contract");

    private final String value;

    DocumentKind(String value) {
        this.value = value;
    }

    /** As stored and shown in the API. */
    public String value() {
        return value;
    }

    static Optional<DocumentKind> fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Optional.of(MARKDOWN);
        }
        if (name.endsWith(".txt") || name.endsWith(".text")) {
            return Optional.of(TEXT);
        }
        if (name.endsWith(".pdf")) {
            return Optional.of(PDF);
        }
        if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml")) {
            return Optional.of(HTML);
        }
        if (name.endsWith(".docx")) {
            return Optional.of(DOCX);
        }
        if (name.endsWith(".odt")) {
            return Optional.of(ODT);
        }
        if (name.endsWith(".pptx")) {
            return Optional.of(PPTX);
        }
        if (name.endsWith(".xlsx")) {
            return Optional.of(XLSX);
        }
        if (name.endsWith(".rtf")) {
            return Optional.of(RTF);
        }
        if (name.endsWith(".eml")) {
            return Optional.of(EMAIL);
        }
        if (name.endsWith(".json")) {
            return Optional.of(TICKET);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(ROWS);
        }
        if (name.endsWith(".csv")) {
            // A CSV is rows unless named as a ticket export; a job can force either kind.
            return Optional.of(name.substring(name.lastIndexOf('/') + 1).contains("ticket") ? TICKET : ROWS);
        }
        if (CodeChunker.Language.of(name).isPresent()) {
            return Optional.of(CODE);
        }
        return Optional.empty();
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
