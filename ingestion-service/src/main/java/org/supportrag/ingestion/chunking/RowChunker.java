package org.supportrag.ingestion.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.embedding.TokenCounter;

/**
 * Structured rows (CSV, JSON Lines): one chunk per row, its fields written as {@code name: value} lines so the
 * field names give the values their meaning. The title column (when configured) names the row in the section path.
 */
public final class RowChunker {

    private static final String PATH_SEPARATOR = " > ";

    private final TextSplitter splitter;

    public RowChunker(TokenCounter tokens, ChunkingSettings settings) {
        this.splitter = new TextSplitter(tokens, settings);
    }

    /**
     * @param rows field name to value, in column order
     * @param titleColumn the column naming a row, or null (rows are then numbered)
     * @param textColumns the columns written into the chunk; empty means every column
     */
    public ChunkedDocument chunk(List<Map<String, String>> rows, String fileName, @Nullable String titleColumn,
            List<String> textColumns) {
        String title = DocumentChunker.baseName(fileName);
        List<Chunk> chunks = new ArrayList<>();
        int number = 0;
        for (Map<String, String> row : rows) {
            number++;
            String name = titleColumn == null ? null : row.get(titleColumn);
            String label = name == null || name.isBlank() ? "Row " + number : name.strip();
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, String> field : row.entrySet()) {
                boolean wanted = textColumns.isEmpty() || textColumns.contains(field.getKey())
                        || field.getKey().equals(titleColumn);
                if (wanted && field.getValue() != null && !field.getValue().isBlank()) {
                    text.append(field.getKey()).append(": ").append(field.getValue().strip()).append('\n');
                }
            }
            for (TextSplitter.Piece piece : splitter.split(text.toString())) {
                chunks.add(new Chunk(piece.text(), title + PATH_SEPARATOR + label, piece.tokens()));
            }
        }
        return new ChunkedDocument(title, chunks);
    }
}
