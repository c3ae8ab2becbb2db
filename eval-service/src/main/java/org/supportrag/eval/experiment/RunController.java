package org.supportrag.eval.experiment;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.contracts.eval.v1.PromptGateStatus;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/** Experiment runs of the caller's tenant: start, follow, cancel, list, export and compare. */
@RestController
@RequestMapping("/api/v1/eval")
@RequiredArgsConstructor
class RunController {

    private final RunService runs;

    record RunList(List<RunView> items) {
    }

    record ItemList(List<Map<String, Object>> items) {
    }

    /** Queues a run; it proceeds asynchronously (follow it at the Location). */
    @PostMapping("/runs")
    ResponseEntity<RunView> create(@RequestBody RunService.RunRequest request, CallerIdentity caller) {
        requireAdmin(caller);
        RunView run = runs.create(caller, request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/eval/runs/" + run.id())).body(run);
    }

    @GetMapping("/runs")
    RunList list(CallerIdentity caller) {
        requireReader(caller);
        return new RunList(runs.list(caller));
    }

    @GetMapping("/runs/{id}")
    RunView get(@PathVariable UUID id, CallerIdentity caller) {
        requireReader(caller);
        return runs.get(caller, id);
    }

    @PostMapping("/runs/{id}/cancel")
    RunView cancel(@PathVariable UUID id, CallerIdentity caller) {
        requireAdmin(caller);
        return runs.cancel(caller, id);
    }

    /** Every item with its status and, once answered, its scored result. */
    @GetMapping("/runs/{id}/items")
    ItemList items(@PathVariable UUID id, CallerIdentity caller) {
        requireReader(caller);
        return new ItemList(runs.items(caller, id));
    }

    /** The finished items as JSONL, the same lines as {@code ragctl eval answers --save}. */
    @GetMapping("/runs/{id}/results")
    ResponseEntity<String> results(@PathVariable UUID id, CallerIdentity caller) {
        requireReader(caller);
        List<String> lines = runs.results(caller, id);
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType("application/jsonl"))
            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"run-" + id + ".jsonl\"")
            .body(lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    /**
     * The regression gate: candidate against baseline, per metric with effect, p-value and flipped items.
     *
     * @param floor repeatable {@code metric:value}, e.g. {@code answer_correct:0.5}
     */
    @GetMapping("/comparisons")
    Map<String, Object> compare(@RequestParam UUID baseline, @RequestParam UUID candidate,
            @RequestParam(required = false) @Nullable List<String> floor, CallerIdentity caller) {
        requireReader(caller);
        return runs.compare(caller, baseline, candidate, floors(floor));
    }

    private static Map<String, Double> floors(@Nullable List<String> floor) {
        Map<String, Double> floors = new LinkedHashMap<>();
        for (String entry : floor == null ? List.<String>of() : floor) {
            int colon = entry.lastIndexOf(':');
            try {
                floors.put(entry.substring(0, colon), Double.parseDouble(entry.substring(colon + 1)));
            }
            catch (RuntimeException ex) {
                throw ApiProblemException.badRequest("invalid-floor", "Invalid floor",
                        "A floor is metric:value, e.g. answer_correct:0.5.");
            }
        }
        return floors;
    }

    record GateRequest(@Nullable UUID baseline, @Nullable UUID candidate, @Nullable List<String> floor) {
    }

    record GateList(List<Map<String, Object>> items) {
    }

    /**
     * Records a gate verdict: the comparison of a candidate run with a baseline run, kept with the prompt versions
     * the candidate's answers used; a prompt version may be labelled production only after a passing one.
     */
    @PostMapping("/gates")
    ResponseEntity<Map<String, Object>> recordGate(@RequestBody GateRequest request, CallerIdentity caller) {
        requireAdmin(caller);
        if (request.baseline() == null || request.candidate() == null) {
            List<String> errors = List.of("baseline and candidate: must be run ids");
            throw new ApiProblemException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    org.supportrag.defaults.problem.ProblemTypes.VALIDATION, "Invalid request", errors.getFirst(),
                    Map.of("errors", errors));
        }
        Map<String, Object> gate = runs.recordGate(caller, request.baseline(), request.candidate(),
                floors(request.floor()));
        return ResponseEntity.created(URI.create("/api/v1/eval/gates/" + gate.get("id"))).body(gate);
    }

    @GetMapping("/gates")
    GateList gates(CallerIdentity caller) {
        requireReader(caller);
        return new GateList(runs.gates(caller));
    }

    /** The contract generation asks before a prompt version is labelled production ({@link EvalApi#PROMPT_GATE}). */
    @GetMapping("/gates/prompts/{name}/versions/{version}")
    PromptGateStatus promptGate(@PathVariable String name, @PathVariable int version,
            @RequestParam(defaultValue = "tenant") String scope, CallerIdentity caller) {
        requireReader(caller);
        if (!scope.equals("tenant") && !scope.equals("global")) {
            throw ApiProblemException.badRequest("invalid-scope", "Invalid scope", "scope is tenant or global.");
        }
        return runs.promptGate(caller, name, scope, version);
    }

    private static void requireAdmin(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins may start or stop runs.");
        }
    }

    private static void requireReader(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.OPS)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins and ops may read runs.");
        }
    }
}
