package org.supportrag.ingestion.chunking;

import java.util.List;

/** A document's title and its chunks in document order. */
public record ChunkedDocument(String title, List<Chunk> chunks) {

    public ChunkedDocument {
        chunks = List.copyOf(chunks);
    }
}
