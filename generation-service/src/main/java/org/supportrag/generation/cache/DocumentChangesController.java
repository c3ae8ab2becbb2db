package org.supportrag.generation.cache;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.contracts.generation.v1.DocumentChanges;
import org.supportrag.contracts.generation.v1.GenerationApi;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/**
 * {@code POST /api/v1/cache/document-changes}: ingestion reports updated or deleted documents; cached answers citing
 * them are dropped at once (for both kinds of change: an updated document may no longer say what was cited).
 */
@RestController
@RequiredArgsConstructor
class DocumentChangesController {

    private static final Logger log = LoggerFactory.getLogger(DocumentChangesController.class);

    private final SemanticAnswerCache cache;

    @PostMapping(GenerationApi.DOCUMENT_CHANGES)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void documentChanges(@Valid @RequestBody DocumentChanges changes, CallerIdentity caller) {
        if (!caller.hasRole(Roles.SERVICE)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden",
                    "Only platform services may report document changes.");
        }
        int dropped = cache.invalidate(caller.tenantId(), changes.knowledgeBase(), changes.documentIds());
        log.debug("{} documents {} in knowledge base {}: dropped {} cached answers", changes.documentIds().size(),
                changes.change(), changes.knowledgeBase(), dropped);
    }
}
