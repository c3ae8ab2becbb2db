package org.supportrag.eval.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.AnswerDatasetException;
import org.supportrag.eval.answers.AnswerDatasetReader;
import org.supportrag.eval.beir.BeirFormatException;
import org.supportrag.eval.beir.BeirQuery;
import org.supportrag.eval.beir.BeirReader;

/**
 * Versioned datasets of the caller's tenant: import answer-level JSONL or a BEIR split, list, read and export. Every
 * import creates the next version of the name; a version never changes.
 */
@RestController
@RequestMapping("/api/v1/eval/datasets")
@RequiredArgsConstructor
class DatasetController {

    static final MediaType JSONL = MediaType.parseMediaType("application/jsonl");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final DatasetItems datasets;
    private final DatasetRepository repository;
    private final JsonMapper json = JsonMapper.builder().build();

    record DatasetList(List<DatasetVersion> items) {
    }

    /**
     * Imports an answer-level dataset (JSONL body) as the next version of {@code name}; with {@code append} the
     * previous version's items are kept (same id: replaced).
     */
    @PostMapping(path = "/{name}", consumes = { "application/jsonl", "application/x-ndjson", "application/json",
            MediaType.TEXT_PLAIN_VALUE })
    ResponseEntity<DatasetVersion> importAnswers(@PathVariable String name, @RequestBody String body,
            @RequestParam(required = false) @Nullable String knowledgeBase,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(defaultValue = "false") boolean append, CallerIdentity caller) {
        requireAdmin(caller);
        requireName(name);
        requireKnowledgeBase(knowledgeBase);
        List<AnswerCase> cases;
        try {
            cases = new AnswerDatasetReader(json).read(new BufferedReader(new StringReader(body)), "dataset");
        }
        catch (AnswerDatasetException ex) {
            throw ApiProblemException.badRequest("invalid-dataset", "Invalid dataset", ex.getMessage());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        DatasetVersion created = create(caller, name, DatasetVersion.ANSWERS, knowledgeBase, description,
                cases.stream().map(ItemRow::of).toList(), append);
        return ResponseEntity.created(location(created)).body(created);
    }

    /**
     * Imports the queries and judgements of a BEIR split ({@code queries.jsonl}, {@code qrels} TSV) as the next
     * version of {@code name}; the corpus is ingested into {@code knowledgeBase} separately (ragctl ingest or eval
     * beir). Queries without judgements are left out.
     */
    @PostMapping(path = "/{name}/beir", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DatasetVersion> importBeir(@PathVariable String name, @RequestPart("queries") MultipartFile queries,
            @RequestPart("qrels") MultipartFile qrels, @RequestParam String knowledgeBase,
            @RequestParam(required = false) @Nullable String description, CallerIdentity caller) throws IOException {
        requireAdmin(caller);
        requireName(name);
        requireKnowledgeBase(knowledgeBase);
        Path dir = Files.createTempDirectory("beir-import");
        try {
            Files.createDirectories(dir.resolve("qrels"));
            queries.transferTo(dir.resolve("queries.jsonl"));
            qrels.transferTo(dir.resolve("qrels").resolve("split.tsv"));
            BeirReader reader = new BeirReader(json);
            Map<String, BeirQuery> read;
            Map<String, Map<String, Integer>> judgements;
            try {
                read = reader.readQueries(dir);
                judgements = reader.readQrels(dir, "split");
            }
            catch (BeirFormatException ex) {
                throw ApiProblemException.badRequest("invalid-dataset", "Invalid dataset",
                        ex.getMessage().replace(dir.toString(), ""));
            }
            List<ItemRow> rows = new ArrayList<>();
            for (BeirQuery query : read.values()) {
                Map<String, Integer> judged = judgements.get(query.id());
                if (judged == null || judged.isEmpty()) {
                    continue;
                }
                List<String> turns = new ArrayList<>();
                List<Map<String, String>> context = new ArrayList<>();
                for (BeirQuery.Turn turn : query.context()) {
                    context.add(Map.of("speaker", turn.speaker(), "text", turn.text()));
                }
                turns.add(query.text());
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("qrels", judged);
                if (!context.isEmpty()) {
                    metadata.put("context", context);
                }
                rows.add(new ItemRow(query.id(), ItemRow.BEIR_QUERY, turns, List.of(), List.of(), null, null,
                        metadata));
            }
            if (rows.isEmpty()) {
                throw ApiProblemException.badRequest("invalid-dataset", "Invalid dataset",
                        "No query has a judgement in the qrels file.");
            }
            DatasetVersion created = create(caller, name, DatasetVersion.BEIR, knowledgeBase, description, rows,
                    false);
            return ResponseEntity.created(location(created)).body(created);
        }
        finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @GetMapping
    DatasetList list(CallerIdentity caller) {
        requireReader(caller);
        return new DatasetList(repository.list(caller.tenantId()));
    }

    @GetMapping("/{name}/versions/{version}")
    DatasetVersion version(@PathVariable String name, @PathVariable int version, CallerIdentity caller) {
        requireReader(caller);
        return datasets.version(caller.tenantId(), name, version).orElseThrow(() -> notFound(name, version));
    }

    /** The version's items as JSONL, in the format they were imported in (BEIR: one query per line). */
    @GetMapping(path = "/{name}/versions/{version}/items")
    ResponseEntity<String> export(@PathVariable String name, @PathVariable int version, CallerIdentity caller) {
        requireReader(caller);
        DatasetVersion found = datasets.version(caller.tenantId(), name, version)
            .orElseThrow(() -> notFound(name, version));
        StringBuilder body = new StringBuilder();
        for (ItemRow row : repository.rows(found.id())) {
            Object line;
            if (found.kind().equals(DatasetVersion.BEIR)) {
                Map<String, Object> query = new LinkedHashMap<>();
                query.put("_id", row.key());
                query.put("text", row.turns().getLast());
                Object context = row.metadata().get("context");
                if (context != null) {
                    query.put("metadata", Map.of("context", context));
                }
                query.put("qrels", row.metadata().get("qrels"));
                line = query;
            }
            else {
                line = row.toCase().toMap();
            }
            body.append(json.writeValueAsString(line)).append('\n');
        }
        return ResponseEntity.ok()
            .contentType(JSONL)
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + found.name() + "-v" + found.version() + ".jsonl\"")
            .body(body.toString());
    }

    private DatasetVersion create(CallerIdentity caller, String name, String kind, @Nullable String knowledgeBase,
            @Nullable String description, List<ItemRow> rows, boolean append) {
        try {
            return datasets.createRows(caller.tenantId(), name, kind, knowledgeBase, description, rows, append,
                    caller.subject());
        }
        catch (IllegalArgumentException ex) {
            throw ApiProblemException.badRequest("invalid-dataset", "Invalid dataset",
                    Objects.requireNonNullElse(ex.getMessage(), "The dataset is not valid."));
        }
    }

    private static URI location(DatasetVersion version) {
        return URI.create("/api/v1/eval/datasets/" + version.name() + "/versions/" + version.version());
    }

    static ApiProblemException notFound(String name, int version) {
        return ApiProblemException.notFound("dataset-not-found", "Dataset not found",
                "There is no version " + version + " of dataset '" + name + "'.");
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiProblemException.badRequest("invalid-dataset-name", "Invalid dataset name",
                    "A dataset name is 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
    }

    static void requireKnowledgeBase(@Nullable String knowledgeBase) {
        if (knowledgeBase != null && !NAME.matcher(knowledgeBase).matches()) {
            throw ApiProblemException.badRequest("invalid-knowledge-base", "Invalid knowledge base",
                    "knowledgeBase must be 1-100 letters, digits, '.', '_' or '-'.");
        }
    }

    static void requireAdmin(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins may change evaluations.");
        }
    }

    static void requireReader(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.OPS)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins and ops may read evaluations.");
        }
    }
}
