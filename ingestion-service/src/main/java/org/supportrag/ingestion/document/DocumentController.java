package org.supportrag.ingestion.document;

import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.ingestion.Requests;

/**
 * The documents of a knowledge base: listing and removal, within the caller's tenant. Uploads create jobs
 * ({@code JobController}).
 */
@RestController
@RequestMapping(path = DocumentController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@RequiredArgsConstructor
class DocumentController {

    static final String PATH = "/api/v1/knowledge-bases/{knowledgeBase}/documents";

    private final DocumentRepository documents;
    private final DocumentRemover remover;

    @GetMapping
    DocumentListResponse list(@PathVariable String knowledgeBase, CallerIdentity caller) {
        Requests.requireRole(caller, Requests.READERS);
        Requests.requireValidName(knowledgeBase);
        return new DocumentListResponse(knowledgeBase,
                documents.list(caller.tenantId(), knowledgeBase).stream().map(DocumentListResponse.Item::of).toList());
    }

    @DeleteMapping("/{documentId}")
    ResponseEntity<Void> delete(@PathVariable String knowledgeBase, @PathVariable UUID documentId,
            CallerIdentity caller) {
        Requests.requireRole(caller, Requests.WRITERS);
        Requests.requireValidName(knowledgeBase);
        remover.delete(caller.tenantId(), knowledgeBase, documentId);
        return ResponseEntity.noContent().build();
    }
}
