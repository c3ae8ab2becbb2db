package org.supportrag.ingestion.chunking;

/** Turns a document's normalized text into chunks. Implementations are thread-safe. */
public interface DocumentChunker {

    /**
     * @param content the document text, line endings normalized to {@code \n}
     * @param fileName the name it was uploaded under; the fallback title
     */
    ChunkedDocument chunk(String content, String fileName);

    /** The file name without directories and extension. */
    static String baseName(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return base.isBlank() ? fileName : base;
    }
}
