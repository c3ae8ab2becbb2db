package org.supportrag.ingestion.document;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code ingestion.documents}. */
record StoredDocument(UUID id, String tenantId, String knowledgeBase, String sourceUri, String title, DocumentKind kind,
        String contentHash, String indexFingerprint, int version, int chunkCount, Instant createdAt, Instant updatedAt) {

    boolean isIndexedAs(String contentHash, String indexFingerprint) {
        return this.contentHash.equals(contentHash) && this.indexFingerprint.equals(indexFingerprint);
    }
}
