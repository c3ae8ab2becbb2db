package org.supportrag.ingestion.document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A row of {@code ingestion.documents}. */
record StoredDocument(UUID id, String tenantId, String knowledgeBase, String sourceUri, String title, DocumentKind kind,
        String contentHash, String indexFingerprint, int version, int chunkCount, @Nullable String language,
        List<String> aclGroups, List<String> tags, Instant createdAt, Instant updatedAt) {

    boolean isIndexedAs(String contentHash, String indexFingerprint) {
        return this.contentHash.equals(contentHash) && this.indexFingerprint.equals(indexFingerprint);
    }
}
