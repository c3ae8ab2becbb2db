package org.supportrag.ingestion.settings;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.supportrag.ingestion.chunking.ChunkingSettings;

/**
 * Settings of one knowledge base, set through its settings API; anything unset falls back to the service
 * configuration.
 *
 * @param chunking chunk sizes per document kind ({@code markdown}, {@code pdf}, {@code ticket}, ...) or
 *        {@code default} for every kind
 * @param rows how structured rows (CSV, JSON Lines) are read
 */
public record KnowledgeBaseSettings(Map<String, ChunkingSettings> chunking, RowSettings rows) {

    public KnowledgeBaseSettings {
        chunking = chunking == null ? Map.of() : Map.copyOf(chunking);
        rows = rows == null ? RowSettings.NONE : rows;
    }

    public static final KnowledgeBaseSettings NONE = new KnowledgeBaseSettings(Map.of(), RowSettings.NONE);

    /** This knowledge base's sizes for a kind, or null when it has none of its own. */
    public @Nullable ChunkingSettings chunkingFor(String kind) {
        ChunkingSettings own = chunking.get(kind);
        return own != null ? own : chunking.get("default");
    }

    /**
     * @param titleColumn the column that names a row (its section path)
     * @param textColumns columns written into a row's chunk; empty: every column
     * @param metadataColumns columns kept as metadata: written into the chunk, and a column with one value across
     *        the file becomes document metadata (a search filter)
     */
    public record RowSettings(@Nullable String titleColumn, List<String> textColumns, List<String> metadataColumns) {

        public static final RowSettings NONE = new RowSettings(null, List.of(), List.of());

        public RowSettings {
            textColumns = textColumns == null ? List.of() : List.copyOf(textColumns);
            metadataColumns = metadataColumns == null ? List.of() : List.copyOf(metadataColumns);
        }

        public String fingerprint() {
            return "title=" + titleColumn + ",text=" + textColumns + ",meta=" + metadataColumns;
        }
    }
}
