package org.supportrag.ingestion.document;

import java.util.Map;
import java.util.function.Supplier;

import org.supportrag.ingestion.chunking.ChunkedDocument;

/**
 * One document to index: a file, or one ticket of a ticket export.
 *
 * @param hash identifies the content: an unchanged file is not indexed again
 * @param text the extracted text, for language detection and chunk offsets
 */
record IndexUnit(String sourceUri, DocumentKind kind, String hash, String text, Supplier<ChunkedDocument> chunking,
        Map<String, String> metadata) {

    /** A unit whose hash is that of its text. */
    static IndexUnit of(String sourceUri, DocumentKind kind, String text, Supplier<ChunkedDocument> chunking,
            Map<String, String> metadata) {
        return new IndexUnit(sourceUri, kind, TextContent.sha256Hex(text), text, chunking, metadata);
    }
}
