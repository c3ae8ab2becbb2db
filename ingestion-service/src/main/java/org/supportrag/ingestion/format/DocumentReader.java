package org.supportrag.ingestion.format;

/**
 * Reads the text of one kind of document, Markdown where the format has structure (headings, lists, tables) so it
 * chunks like Markdown. A file that is not of the kind, or cannot be read, fails with a fixed, client-safe message.
 */
@FunctionalInterface
public interface DocumentReader {

    String read(byte[] bytes) throws UnreadableFileException;
}
