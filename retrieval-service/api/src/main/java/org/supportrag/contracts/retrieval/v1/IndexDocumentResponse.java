package org.supportrag.contracts.retrieval.v1;

import java.util.UUID;

/** What the index holds for a document after a replace. */
public record IndexDocumentResponse(UUID documentId, int chunks) {
}
