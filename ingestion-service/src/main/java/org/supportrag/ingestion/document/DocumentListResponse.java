package org.supportrag.ingestion.document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The documents of one knowledge base, ordered by name. */
record DocumentListResponse(String knowledgeBase, List<Item> documents) {

    /** One document; {@code name} is the file name it was uploaded under. */
    record Item(UUID id, String name, String title, String kind, int version, int chunks, @Nullable String language,
            List<String> tags, List<String> aclGroups, Instant updatedAt) {

        static Item of(StoredDocument document) {
            return new Item(document.id(), document.sourceUri(), document.title(), document.kind().value(),
                    document.version(), document.chunkCount(), document.language(), document.tags(), document.aclGroups(),
                    document.updatedAt());
        }
    }
}
