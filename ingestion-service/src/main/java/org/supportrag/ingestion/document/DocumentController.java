package org.supportrag.ingestion.document;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/** The documents of a knowledge base: multi-file upload, listing and removal, within the caller's tenant. */
@RestController
@RequestMapping(path = DocumentController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class DocumentController {

    static final String PATH = "/api/v1/knowledge-bases/{knowledgeBase}/documents";

    static final Pattern KNOWLEDGE_BASE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private static final Set<String> WRITERS = Set.of(Roles.ADMIN, Roles.SERVICE);
    private static final Set<String> READERS = Set.of(Roles.ADMIN, Roles.SERVICE, Roles.OPS);

    private final DocumentIngestionService documents;

    DocumentController(DocumentIngestionService documents) {
        this.documents = documents;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    UploadResponse upload(@PathVariable String knowledgeBase,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files, CallerIdentity caller) {
        requireRole(caller, WRITERS);
        requireValidName(knowledgeBase);
        // A form submitted without choosing a file still sends one empty, unnamed part.
        List<MultipartFile> uploaded = files == null ? List.of()
                : files.stream().filter(file -> !(file.isEmpty() && isBlank(file.getOriginalFilename()))).toList();
        if (uploaded.isEmpty()) {
            throw ApiProblemException.badRequest("no-files", "No files",
                    "Send one or more files as multipart/form-data parts named 'files'.");
        }
        return documents.upload(caller.tenantId(), knowledgeBase, uploaded);
    }

    @GetMapping
    DocumentListResponse list(@PathVariable String knowledgeBase, CallerIdentity caller) {
        requireRole(caller, READERS);
        requireValidName(knowledgeBase);
        return new DocumentListResponse(knowledgeBase,
                documents.list(caller.tenantId(), knowledgeBase).stream().map(DocumentListResponse.Item::of).toList());
    }

    @DeleteMapping("/{documentId}")
    ResponseEntity<Void> delete(@PathVariable String knowledgeBase, @PathVariable UUID documentId,
            CallerIdentity caller) {
        requireRole(caller, WRITERS);
        requireValidName(knowledgeBase);
        documents.delete(caller.tenantId(), knowledgeBase, documentId);
        return ResponseEntity.noContent().build();
    }

    private static void requireRole(CallerIdentity caller, Set<String> allowed) {
        if (allowed.stream().noneMatch(caller::hasRole)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden",
                    "The caller may not perform this operation.");
        }
    }

    private static void requireValidName(String knowledgeBase) {
        if (!KNOWLEDGE_BASE.matcher(knowledgeBase).matches()) {
            throw ApiProblemException.badRequest("invalid-knowledge-base", "Invalid knowledge base name",
                    "A knowledge base name is 1 to 64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit.");
        }
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
