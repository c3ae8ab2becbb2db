package org.supportrag.ingestion.document;

import java.util.List;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.ingestion.index.IndexUnavailableException;
import org.supportrag.ingestion.index.RetrievalIndexClient;
import org.supportrag.ingestion.outbox.ChangeOutbox;

/** Removes a document from the retrieval index and from this service's records. */
@Service
@RequiredArgsConstructor
class DocumentRemover {

    private static final Logger log = LoggerFactory.getLogger(DocumentRemover.class);

    private final DocumentRepository repository;
    private final RetrievalIndexClient index;
    private final TransactionTemplate transactions;
    private final ChangeOutbox outbox;

    /**
     * Removes the document from the index first, so a failure leaves it listed (and deletable again); records the
     * deletion for generation's cache in the same transaction as the row's removal.
     */
    void delete(String tenantId, String knowledgeBase, UUID documentId) {
        StoredDocument document = repository.findById(tenantId, knowledgeBase, documentId)
            .orElseThrow(() -> notFound(documentId));
        try {
            transactions.executeWithoutResult(status -> {
                repository.lockSource(tenantId, knowledgeBase, document.sourceUri());
                if (repository.findById(tenantId, knowledgeBase, documentId).isEmpty()) {
                    throw notFound(documentId);
                }
                if (!index.delete(documentId)) {
                    log.info("Document {} was not in the retrieval index; deleting its record", documentId);
                }
                repository.delete(tenantId, documentId);
                outbox.add(tenantId, knowledgeBase, List.of(documentId), ChangeOutbox.DELETED);
            });
        }
        catch (IndexUnavailableException ex) {
            throw ApiProblemException.upstream("index-unavailable", "Index unavailable",
                    "The retrieval index could not remove the document; try again later.");
        }
    }

    private static ApiProblemException notFound(UUID documentId) {
        return ApiProblemException.notFound("document-not-found", "Document not found",
                "No document " + documentId + " in this knowledge base.");
    }
}
