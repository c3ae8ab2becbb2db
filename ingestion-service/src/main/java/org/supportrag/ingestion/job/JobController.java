package org.supportrag.ingestion.job;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.ingestion.Requests;
import org.supportrag.ingestion.document.DocumentIngestionService;
import org.supportrag.ingestion.document.DocumentKind;

/**
 * Ingestion jobs of a knowledge base: uploads, folder and URL imports answer {@code 202 Accepted} with the job and
 * its URL in {@code Location}; the job's progress and per-document outcomes are read there, and it can be cancelled.
 */
@RestController
@RequestMapping(path = "/api/v1/knowledge-bases/{knowledgeBase}", produces = MediaType.APPLICATION_JSON_VALUE)
@RequiredArgsConstructor
class JobController {

    static final int MAX_GROUPS = 100;
    static final int MAX_TAGS = 50;

    private final JobService service;
    private final JobRepository jobs;
    private final JsonMapper json;
    // Reads only: a job's status polled while PostgreSQL restarts is read again rather than answered 500.
    private final DatabaseRetry retry;

    /** A file part, read when the job is written. */
    private record UploadedFile(String name, MultipartFile file) implements JobService.Source {

        @Override
        public byte[] read() throws IOException {
            return file.getBytes();
        }

        @Override
        public long size() {
            return file.getSize();
        }
    }

    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<JobView> upload(@PathVariable String knowledgeBase,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            @RequestParam(name = "kind", required = false) @Nullable String kind,
            @RequestParam(name = "aclGroups", required = false) @Nullable List<String> aclGroups,
            @RequestParam(name = "tags", required = false) @Nullable List<String> tags, CallerIdentity caller) {
        Requests.requireRole(caller, Requests.WRITERS);
        Requests.requireValidName(knowledgeBase);
        // A form submitted without choosing a file still sends one empty, unnamed part.
        List<MultipartFile> uploaded = files == null ? List.of()
                : files.stream().filter(file -> !(file.isEmpty() && isBlank(file.getOriginalFilename()))).toList();
        if (uploaded.isEmpty()) {
            throw ApiProblemException.badRequest("no-files", "No files",
                    "Send one or more files as multipart/form-data parts named 'files'.");
        }
        DocumentIngestionService.Options options = options(kind, aclGroups, tags);
        List<UploadedFile> sources = new ArrayList<>();
        for (MultipartFile file : uploaded) {
            // Names are checked when the file is ingested; a missing one fails there with a clear error.
            String name = DocumentIngestionService.sourceName(file.getOriginalFilename());
            sources.add(new UploadedFile(name == null ? "" : name, file));
        }
        UUID jobId = service.enqueueFiles(caller.tenantId(), knowledgeBase, "upload", caller.subject(), options, sources);
        return accepted(caller, knowledgeBase, jobId);
    }

    /** {@code {"path": "/srv/docs", "kind"?, "aclGroups"?, "tags"?}}: admins only, within the configured roots. */
    record FolderImport(@Nullable String path, @Nullable String kind, @Nullable List<String> aclGroups,
            @Nullable List<String> tags) {
    }

    @PostMapping(path = "/imports/folder", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> importFolder(@PathVariable String knowledgeBase, @RequestBody FolderImport request,
            CallerIdentity caller) {
        Requests.requireRole(caller, Set.of(Roles.ADMIN));
        Requests.requireValidName(knowledgeBase);
        if (request.path() == null || request.path().isBlank()) {
            throw ApiProblemException.badRequest("invalid-folder", "Invalid folder", "Give the folder as 'path'.");
        }
        UUID jobId = service.enqueueFolder(caller.tenantId(), knowledgeBase, caller.subject(),
                options(request.kind(), request.aclGroups(), request.tags()), request.path());
        return accepted(caller, knowledgeBase, jobId);
    }

    /** {@code {"urls": ["https://..."], "kind"?, "aclGroups"?, "tags"?}}. */
    record UrlImport(@Nullable List<String> urls, @Nullable String kind, @Nullable List<String> aclGroups,
            @Nullable List<String> tags) {
    }

    @PostMapping(path = "/imports/urls", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobView> importUrls(@PathVariable String knowledgeBase, @RequestBody UrlImport request,
            CallerIdentity caller) {
        Requests.requireRole(caller, Requests.WRITERS);
        Requests.requireValidName(knowledgeBase);
        List<String> urls = request.urls() == null ? List.of()
                : request.urls().stream().filter(url -> url != null && !url.isBlank()).toList();
        UUID jobId = service.enqueueUrls(caller.tenantId(), knowledgeBase, caller.subject(),
                options(request.kind(), request.aclGroups(), request.tags()), urls);
        return accepted(caller, knowledgeBase, jobId);
    }

    record JobList(String knowledgeBase, List<JobView> jobs) {
    }

    @GetMapping("/jobs")
    JobList list(@PathVariable String knowledgeBase, @RequestParam(defaultValue = "20") int limit, CallerIdentity caller) {
        Requests.requireRole(caller, Requests.READERS);
        Requests.requireValidName(knowledgeBase);
        List<JobView> views = retry.call(() -> jobs.listJobs(caller.tenantId(), knowledgeBase, Math.clamp(limit, 1, 100))
            .stream()
            .map(job -> JobView.of(job, jobs.items(job.id()), json))
            .toList());
        return new JobList(knowledgeBase, views);
    }

    @GetMapping("/jobs/{jobId}")
    JobView get(@PathVariable String knowledgeBase, @PathVariable UUID jobId, CallerIdentity caller) {
        Requests.requireRole(caller, Requests.READERS);
        Requests.requireValidName(knowledgeBase);
        return view(caller, knowledgeBase, jobId);
    }

    @PostMapping("/jobs/{jobId}/cancel")
    JobView cancel(@PathVariable String knowledgeBase, @PathVariable UUID jobId, CallerIdentity caller) {
        Requests.requireRole(caller, Requests.WRITERS);
        Requests.requireValidName(knowledgeBase);
        if (!jobs.cancel(caller.tenantId(), knowledgeBase, jobId)) {
            throw notFound(jobId);
        }
        return view(caller, knowledgeBase, jobId);
    }

    private JobView view(CallerIdentity caller, String knowledgeBase, UUID jobId) {
        JobRepository.Job job = retry.call(() -> jobs.findJob(caller.tenantId(), knowledgeBase, jobId))
            .orElseThrow(() -> notFound(jobId));
        return JobView.of(job, retry.call(() -> jobs.items(jobId)), json);
    }

    private ResponseEntity<JobView> accepted(CallerIdentity caller, String knowledgeBase, UUID jobId) {
        JobView view = view(caller, knowledgeBase, jobId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(view.jobUrl())).body(view);
    }

    static DocumentIngestionService.Options options(@Nullable String kind, @Nullable List<String> aclGroups,
            @Nullable List<String> tags) {
        if (kind != null && !kind.isBlank() && !kind.equals("auto") && DocumentKind.fromValueOrAlias(kind).isEmpty()) {
            throw ApiProblemException.badRequest("invalid-kind", "Invalid kind",
                    "Unknown document kind '" + abbreviate(kind) + "'.");
        }
        Set<String> groups = values(aclGroups, MAX_GROUPS, 200, "aclGroups");
        Set<String> labels = values(tags, MAX_TAGS, 100, "tags");
        return new DocumentIngestionService.Options(kind == null || kind.isBlank() || kind.equals("auto") ? null : kind,
                groups, labels);
    }

    /** Values given repeated or comma-separated. */
    private static Set<String> values(@Nullable List<String> raw, int max, int maxLength, String field) {
        Set<String> values = new LinkedHashSet<>();
        if (raw != null) {
            for (String entry : raw) {
                for (String value : entry.split(",")) {
                    if (!value.isBlank()) {
                        values.add(value.strip());
                    }
                }
            }
        }
        if (values.size() > max || values.stream().anyMatch(value -> value.length() > maxLength)) {
            throw ApiProblemException.badRequest("invalid-" + field.toLowerCase(), "Invalid " + field,
                    "At most " + max + " " + field + " of at most " + maxLength + " characters each.");
        }
        return values;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static ApiProblemException notFound(UUID jobId) {
        return ApiProblemException.notFound("job-not-found", "Job not found", "No job " + jobId + " in this knowledge base.");
    }
}
