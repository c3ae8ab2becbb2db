package org.supportrag.ingestion.chunking;

import java.util.ArrayList;
import java.util.List;

import org.supportrag.defaults.embedding.TokenCounter;

/**
 * Chunks plain text by paragraphs under the same size rules as Markdown. The title is the first non-empty line
 * when it is short enough to be one, else the file name; every chunk's section path is the title.
 */
public final class PlainTextChunker implements DocumentChunker {

    static final int MAX_TITLE_LENGTH = 100;

    private final TextSplitter splitter;

    public PlainTextChunker(TokenCounter tokens, ChunkingSettings settings) {
        this.splitter = new TextSplitter(tokens, settings);
    }

    @Override
    public ChunkedDocument chunk(String content, String fileName) {
        String title = title(content, fileName);
        List<Chunk> chunks = new ArrayList<>();
        for (TextSplitter.Piece piece : splitter.split(content)) {
            chunks.add(new Chunk(piece.text(), title, piece.tokens()));
        }
        return new ChunkedDocument(title, chunks);
    }

    static String title(String content, String fileName) {
        for (String line : content.split("\n")) {
            String candidate = line.strip();
            if (!candidate.isEmpty()) {
                return candidate.length() < MAX_TITLE_LENGTH ? candidate : DocumentChunker.baseName(fileName);
            }
        }
        return DocumentChunker.baseName(fileName);
    }
}
