package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/**
 * The variant of an evaluation run (eval-service), sent with each of its chat requests: a prompt label instead of the
 * conversation's A/B arm, a retrieval mode and depth. Accepted only from admins; such turns skip the answer cache.
 *
 * @param promptLabel   prompt label to answer with (a missing label falls back to production, as for the canary)
 * @param retrievalMode lexical, dense, hybrid or full (retrieval's default pipeline)
 * @param topK          chunks retrieved, 1 to 50
 * @param model         a configured model (rag.generation.models) that answers first instead of the routed one
 */
record EvaluationOverrides(@Nullable String promptLabel, @Nullable String retrievalMode, @Nullable Integer topK,
        @Nullable String model) {

    EvaluationOverrides(@Nullable String promptLabel, @Nullable String retrievalMode, @Nullable Integer topK) {
        this(promptLabel, retrievalMode, topK, null);
    }

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");
    private static final Set<String> MODES = Set.of("lexical", "dense", "hybrid", "full");

    /** The overrides when the caller may use them; a 403 problem for anyone but an admin, 400 for bad values. */
    static @Nullable EvaluationOverrides checked(@Nullable EvaluationOverrides overrides, CallerIdentity caller,
            Predicate<String> knownModel) {
        if (overrides == null) {
            return null;
        }
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("evaluation-overrides-forbidden", "Evaluation overrides forbidden",
                    "Only evaluation calls by an admin may override the prompt, model or retrieval settings.");
        }
        List<String> errors = new ArrayList<>();
        if (overrides.promptLabel() != null && !LABEL.matcher(overrides.promptLabel()).matches()) {
            errors.add("evaluation.promptLabel: must be 1-50 letters, digits, '.', '_' or '-'");
        }
        if (overrides.retrievalMode() != null && !MODES.contains(overrides.retrievalMode())) {
            errors.add("evaluation.retrievalMode: must be one of lexical, dense, hybrid, full");
        }
        if (overrides.topK() != null && (overrides.topK() < 1 || overrides.topK() > 50)) {
            errors.add("evaluation.topK: must be between 1 and 50");
        }
        if (overrides.model() != null && !knownModel.test(overrides.model())) {
            errors.add("evaluation.model: not a configured model");
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    String.join("; ", errors), Map.of("errors", errors));
        }
        return overrides;
    }

    /** The mode retrieval is asked for; null for its default pipeline. */
    @Nullable String searchMode() {
        return retrievalMode == null || retrievalMode.equals("full") ? null : retrievalMode;
    }
}
