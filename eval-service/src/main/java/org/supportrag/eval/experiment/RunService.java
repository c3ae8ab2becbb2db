package org.supportrag.eval.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.supportrag.contracts.eval.v1.PromptGateStatus;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.CaseResult;
import org.supportrag.eval.answers.ResultsFile;
import org.supportrag.eval.dataset.DatasetItems;
import org.supportrag.eval.dataset.DatasetVersion;
import org.supportrag.eval.gate.GateMetric;
import org.supportrag.eval.gate.GateOptions;
import org.supportrag.eval.gate.GateVerdict;
import org.supportrag.eval.gate.MetricComparison;
import org.supportrag.eval.gate.RegressionGate;
import org.supportrag.eval.judge.JudgeService;

@Service
@RequiredArgsConstructor
class RunService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> MODES = Set.of("lexical", "dense", "hybrid", "full");

    private final RunRepository runs;
    private final DatasetItems datasets;
    private final ResultsFile resultsFile = new ResultsFile();

    private final JudgeService judge;

    /**
     * @param version null: the dataset's newest version
     */
    record RunRequest(@Nullable String dataset, @Nullable Integer version, @Nullable Variant variant,
            @Nullable String knowledgeBase) {
    }

    RunView create(CallerIdentity caller, RunRequest request) {
        List<String> errors = new java.util.ArrayList<>();
        if (request.dataset() == null || request.dataset().isBlank()) {
            errors.add("dataset: must be given");
        }
        Variant variant = request.variant();
        if (variant == null || variant.name() == null || !NAME.matcher(variant.name()).matches()) {
            errors.add("variant.name: must be 1-100 letters, digits, '.', '_' or '-'");
        }
        else {
            if (variant.promptLabel() != null && !NAME.matcher(variant.promptLabel()).matches()) {
                errors.add("variant.promptLabel: must be 1-100 letters, digits, '.', '_' or '-'");
            }
            if (variant.retrievalMode() != null && !MODES.contains(variant.retrievalMode())) {
                errors.add("variant.retrievalMode: must be one of lexical, dense, hybrid, full");
            }
            if (variant.topK() != null && (variant.topK() < 1 || variant.topK() > 50)) {
                errors.add("variant.topK: must be between 1 and 50");
            }
            if (variant.model() != null && !NAME.matcher(variant.model()).matches()) {
                errors.add("variant.model: must be 1-100 letters, digits, '.', '_' or '-'");
            }
        }
        if (request.knowledgeBase() != null && !NAME.matcher(request.knowledgeBase()).matches()) {
            errors.add("knowledgeBase: must be 1-100 letters, digits, '.', '_' or '-'");
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    String.join("; ", errors), Map.of("errors", errors));
        }
        String name = Objects.requireNonNull(request.dataset(), "checked above");
        DatasetVersion version = (request.version() == null ? datasets.latest(caller.tenantId(), name)
                : datasets.version(caller.tenantId(), name, request.version()))
            .orElseThrow(() -> ApiProblemException.notFound("dataset-not-found", "Dataset not found",
                    "There is no " + (request.version() == null ? "" : "version " + request.version() + " of ")
                            + "dataset '" + name + "'."));
        // Answer-level items are asked through the chat; BEIR queries are searched through retrieval.
        List<String> keys = version.kind().equals(DatasetVersion.BEIR)
                ? datasets.beirItems(version).stream().map(DatasetItems.BeirItem::id).toList()
                : datasets.items(version).stream().map(AnswerCase::id).toList();
        UUID id = UUID.randomUUID();
        String knowledgeBase = request.knowledgeBase() != null ? request.knowledgeBase() : version.knowledgeBase();
        runs.create(id, caller.tenantId(), version.id(), Objects.requireNonNull(variant), knowledgeBase, keys,
                caller.subject());
        return get(caller, id);
    }

    RunView get(CallerIdentity caller, UUID id) {
        return runs.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
    }

    List<RunView> list(CallerIdentity caller) {
        return runs.list(caller.tenantId(), 200);
    }

    RunView cancel(CallerIdentity caller, UUID id) {
        RunView run = get(caller, id);
        if (!runs.cancel(caller.tenantId(), id)) {
            throw new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.of("run-finished"), "Run finished",
                    "The run is " + run.status() + "; only queued or running runs can be cancelled.");
        }
        return get(caller, id);
    }

    List<Map<String, Object>> items(CallerIdentity caller, UUID id) {
        get(caller, id);
        return runs.items(id);
    }

    /** The results-file lines of the run's finished items. */
    List<String> results(CallerIdentity caller, UUID id) {
        get(caller, id);
        return runs.results(id);
    }

    /** The regression gate on two completed runs of the same dataset. */
    Map<String, Object> compare(CallerIdentity caller, UUID baselineId, UUID candidateId, Map<String, Double> floors) {
        RunView baseline = completed(caller, baselineId);
        RunView candidate = completed(caller, candidateId);
        if (!baseline.dataset().equals(candidate.dataset())) {
            throw ApiProblemException.badRequest("runs-not-comparable", "Runs not comparable",
                    "The runs are of different datasets ('" + baseline.dataset() + "' and '" + candidate.dataset()
                            + "').");
        }
        if (baseline.metrics() != null && baseline.metrics().containsKey("ndcg_at_10")) {
            throw ApiProblemException.badRequest("unsupported-dataset-kind", "Unsupported dataset kind",
                    "The gate compares answer-level runs; compare BEIR runs by their nDCG@10 and recall.");
        }
        Map<GateMetric, Double> parsed = new java.util.EnumMap<>(GateMetric.class);
        floors.forEach((key, value) -> parsed.put(GateMetric.fromKey(key)
            .orElseThrow(() -> ApiProblemException.badRequest("unknown-metric", "Unknown metric",
                    "Unknown metric '" + key + "' (one of " + GateMetric.keys() + ").")), value));
        // The judge's metrics gate only while the judge is calibrated against agents' labels; else advisory.
        JudgeService.Calibration calibration = judge.calibration(caller.tenantId());
        GateOptions options = GateOptions.defaults().withFloors(parsed);
        if (calibration.mayGate()) {
            options = options.withAdvisory(Set.of());
        }
        GateVerdict verdict;
        try {
            verdict = new RegressionGate(options)
                .compare(parse(runs.results(baselineId)), parse(runs.results(candidateId)));
        }
        catch (IllegalArgumentException ex) {
            throw ApiProblemException.badRequest("runs-not-comparable", "Runs not comparable",
                    Objects.requireNonNullElse(ex.getMessage(), "The runs cannot be compared."));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("baseline", baseline);
        body.put("candidate", candidate);
        body.putAll(verdict.toMap());
        body.put("judge", Map.of("mode", calibration.mode(), "explanation", calibration.explanation()));
        body.put("summary", verdict.failures().stream().map(MetricComparison::describe).toList());
        return body;
    }

    /**
     * Compares like {@link #compare} and records the verdict as a gate verdict, with the prompt versions the
     * candidate's answers were written with (what a later production label is checked against).
     */
    Map<String, Object> recordGate(CallerIdentity caller, UUID baselineId, UUID candidateId,
            Map<String, Double> floors) {
        Map<String, Object> comparison = compare(caller, baselineId, candidateId, floors);
        // compare() always fills these three.
        RunView candidate = (RunView) Objects.requireNonNull(comparison.get("candidate"));
        @SuppressWarnings("unchecked")
        List<String> failed = (List<String>) Objects.requireNonNull(comparison.get("failed_metrics"));
        @SuppressWarnings("unchecked")
        Map<String, Object> judgeMode = (Map<String, Object>) Objects.requireNonNull(comparison.get("judge"));
        List<Map<String, Object>> prompts = runs.promptVersions(candidateId);
        UUID id = UUID.randomUUID();
        runs.recordGate(id, caller.tenantId(), baselineId, candidateId, candidate.datasetId(), failed.isEmpty(),
                failed, comparison, prompts, String.valueOf(judgeMode.get("mode")), caller.subject());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("passed", failed.isEmpty());
        body.put("promptVersions", prompts);
        body.putAll(comparison);
        return body;
    }

    /** The latest gate verdict whose candidate answered with the prompt version, or status none. */
    PromptGateStatus promptGate(CallerIdentity caller, String name, String scope, int version) {
        return runs.latestGate(caller.tenantId(), name, scope, version).orElseGet(PromptGateStatus::none);
    }

    List<Map<String, Object>> gates(CallerIdentity caller) {
        return runs.gates(caller.tenantId(), 100);
    }

    private RunView completed(CallerIdentity caller, UUID id) {
        RunView run = get(caller, id);
        if (!run.status().equals("completed")) {
            throw new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.of("run-not-completed"),
                    "Run not completed", "Run " + id + " is " + run.status() + "; only completed runs compare.");
        }
        return run;
    }

    private List<CaseResult> parse(List<String> lines) {
        try {
            return resultsFile.read(new BufferedReader(new StringReader(String.join("\n", lines))), "run");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static ApiProblemException notFound(UUID id) {
        return ApiProblemException.notFound("run-not-found", "Run not found", "There is no run " + id + ".");
    }
}
