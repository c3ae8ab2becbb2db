package org.supportrag.ingestion.document;

import java.util.Locale;
import java.util.Optional;

/** The document formats the ingestion understands, chosen by file extension. */
enum DocumentKind {

    MARKDOWN("markdown"), TEXT("text");

    private final String value;

    DocumentKind(String value) {
        this.value = value;
    }

    /** As stored and shown in the API. */
    String value() {
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
