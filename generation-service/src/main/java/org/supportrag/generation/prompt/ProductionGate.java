package org.supportrag.generation.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.eval.v1.PromptGateStatus;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;

/**
 * The required check before a prompt version is labelled production: eval-service's latest gate verdict of a
 * candidate run answered with that version must have passed. Otherwise the move is refused with a problem naming
 * the failed metrics (or that no gate run used the version), unless the caller overrides with a reason; the verdict
 * and the reason are audited in the label's history.
 */
@Component
@RequiredArgsConstructor
class ProductionGate {

    private static final Logger log = LoggerFactory.getLogger(ProductionGate.class);
    private static final int MAX_REASON = 500;

    private final EvalGateClient eval;
    private final PromptGateProperties properties;

    /**
     * @param audit          what the history keeps about the check; null when it was not required
     * @param overrideReason the reason an admin moved the label despite the gate
     */
    record Decision(@Nullable Map<String, Object> audit, @Nullable String overrideReason) {

        static final Decision NOT_GATED = new Decision(null, null);
    }

    Decision check(String name, PromptScope scope, int version, @Nullable String overrideReason) {
        String reason = overrideReason == null || overrideReason.isBlank() ? null : overrideReason.strip();
        if (overrideReason != null && reason == null || reason != null && reason.length() > MAX_REASON) {
            List<String> errors = List.of("overrideReason: must be 1-" + MAX_REASON + " characters");
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    errors.getFirst(), Map.of("errors", errors));
        }
        if (!properties.required()) {
            return new Decision(Map.of("status", "not_required"), reason);
        }
        PromptGateStatus status;
        try {
            status = eval.status(name, scope, version);
        }
        catch (ApiProblemException ex) {
            if (reason == null) {
                throw ex;
            }
            status = null;
        }
        Map<String, Object> audit = audit(status);
        if (status != null && PromptGateStatus.PASSED.equals(status.status())) {
            return new Decision(audit, reason);
        }
        if (reason != null) {
            // Overrides are rare and deliberate: worth a line (no customer text in it).
            log.info("Prompt {} version {} ({}) labelled production by override; gate {}", name, version,
                    scope.value(), audit.get("status"));
            return new Decision(audit, reason);
        }
        // Without a reason the status was read (a failed read rethrew above).
        throw refused(name, scope, version, Objects.requireNonNull(status));
    }

    private static Map<String, Object> audit(@Nullable PromptGateStatus status) {
        Map<String, Object> audit = new LinkedHashMap<>();
        if (status == null) {
            audit.put("status", "unavailable");
            return audit;
        }
        audit.put("status", status.status());
        if (status.verdictId() != null) {
            audit.put("verdictId", status.verdictId().toString());
            audit.put("baselineRun", String.valueOf(status.baselineRun()));
            audit.put("candidateRun", String.valueOf(status.candidateRun()));
            audit.put("dataset", status.dataset());
        }
        audit.put("failedMetrics", status.failedMetrics());
        return audit;
    }

    private static ApiProblemException refused(String name, PromptScope scope, int version,
            PromptGateStatus status) {
        String subject = "Version " + version + " of " + name + " (" + scope.value() + ")";
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("gate", status.status());
        extensions.put("failedMetrics", status.failedMetrics());
        if (status.verdictId() != null) {
            extensions.put("verdictId", status.verdictId().toString());
            extensions.put("candidateRun", String.valueOf(status.candidateRun()));
            extensions.put("baselineRun", String.valueOf(status.baselineRun()));
        }
        if (PromptGateStatus.FAILED.equals(status.status())) {
            return new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.of("production-gate-failed"),
                    "Regression gate failed", subject + " failed the regression gate on "
                            + String.join(", ", status.failedMetrics())
                            + (status.summary() == null ? "" : " (" + status.summary() + ")")
                            + ". Fix it and gate a new run, or override with a reason.", extensions);
        }
        return new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.of("production-gate-missing"),
                "No gate run", subject + ": no gate run. Run a dataset with a variant answered by this version, "
                        + "record its comparison with the baseline as a gate (POST /api/v1/eval/gates), or override "
                        + "with a reason.", extensions);
    }
}
