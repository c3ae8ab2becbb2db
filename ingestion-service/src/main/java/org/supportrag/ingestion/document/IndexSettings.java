package org.supportrag.ingestion.document;

import java.util.TreeSet;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.chunking.ChunkingSettings;
import org.supportrag.ingestion.document.DocumentIngestionService.Options;
import org.supportrag.ingestion.settings.KnowledgeBaseSettings;

/**
 * The settings a document of a kind is chunked with (the knowledge base's own, else the configured ones for the
 * kind), and the fingerprint of everything its indexed form depends on besides its content.
 */
@Component
@RequiredArgsConstructor
class IndexSettings {

    /** Bump when chunking changes in a way that should re-index unchanged documents on their next upload. */
    static final String CHUNKER_VERSION = "2";

    private final IngestionProperties properties;
    private final TextEmbedder embedder;

    /** Identifies everything the indexed form depends on besides the content. */
    String fingerprint(DocumentKind kind, KnowledgeBaseSettings kbSettings, Options options) {
        String rows = kind == DocumentKind.ROWS ? ";rows=" + kbSettings.rows().fingerprint() : "";
        return "model=" + embedder.modelId() + ";" + chunking(kind, kbSettings).fingerprint() + ";chunker="
                + CHUNKER_VERSION + rows + ";acl=" + new TreeSet<>(options.aclGroups()) + ";tags="
                + new TreeSet<>(options.tags());
    }

    ChunkingSettings chunking(DocumentKind kind, KnowledgeBaseSettings kbSettings) {
        ChunkingSettings own = kbSettings.chunkingFor(kind.value());
        if (own != null) {
            return own;
        }
        return properties.chunkingByKind().getOrDefault(kind.value(), properties.chunking());
    }

}
