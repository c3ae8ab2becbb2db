package org.supportrag.ingestion.settings;

import java.util.Set;

import lombok.RequiredArgsConstructor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.ingestion.Requests;

/** Chunking and structured-row settings of a knowledge base; they apply to documents ingested from then on. */
@RestController
@RequestMapping(path = "/api/v1/knowledge-bases/{knowledgeBase}/settings", produces = MediaType.APPLICATION_JSON_VALUE)
@RequiredArgsConstructor
class KnowledgeBaseSettingsController {

    static final Set<String> KINDS = Set.of("default", "markdown", "text", "pdf", "html", "code", "email", "docx", "odt",
            "rtf", "pptx", "xlsx", "ticket", "rows", "contract");

    private final KnowledgeBaseSettingsRepository repository;

    @GetMapping
    KnowledgeBaseSettings get(@PathVariable String knowledgeBase, CallerIdentity caller) {
        Requests.requireRole(caller, Requests.READERS);
        Requests.requireValidName(knowledgeBase);
        return repository.find(caller.tenantId(), knowledgeBase);
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    KnowledgeBaseSettings put(@PathVariable String knowledgeBase, @RequestBody KnowledgeBaseSettings settings,
            CallerIdentity caller) {
        Requests.requireRole(caller, Requests.WRITERS);
        Requests.requireValidName(knowledgeBase);
        for (var entry : settings.chunking().entrySet()) {
            if (!KINDS.contains(entry.getKey())) {
                throw ApiProblemException.badRequest("invalid-settings", "Invalid settings",
                        "Unknown document kind '" + entry.getKey() + "'; use one of " + KINDS + ".");
            }
            if (entry.getValue() == null) {
                throw ApiProblemException.badRequest("invalid-settings", "Invalid settings",
                        "Chunking settings of '" + entry.getKey() + "' are missing.");
            }
        }
        repository.save(caller.tenantId(), knowledgeBase, settings);
        return settings;
    }
}
