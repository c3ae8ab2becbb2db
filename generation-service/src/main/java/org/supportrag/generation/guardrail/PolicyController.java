package org.supportrag.generation.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/**
 * Admin API of the caller's tenant policy: banned topics, off-topic terms, confidence thresholds and what blocked
 * questions do. A field sent as null (or left out) returns to the configured default.
 */
@RestController
class PolicyController {

    static final String PATH = "/api/v1/guardrails/policy";
    private static final int MAX_TERMS = 200;
    private static final int MAX_TERM_CHARS = 100;

    private final TenantPolicies policies;

    PolicyController(TenantPolicies policies) {
        this.policies = policies;
    }

    /** The stored settings (null = default) and the effective policy. */
    record PolicyView(TenantPolicies.Stored stored, TenantPolicy effective) {
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    PolicyView get(CallerIdentity caller) {
        requireAdmin(caller);
        TenantPolicies.Stored stored = policies.stored(caller.tenantId())
            .orElse(new TenantPolicies.Stored(null, null, null, null, null));
        return new PolicyView(stored, policies.merge(stored));
    }

    @PutMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    PolicyView put(@RequestBody TenantPolicies.Stored request, CallerIdentity caller) {
        requireAdmin(caller);
        List<String> errors = new ArrayList<>();
        checkTerms("bannedTopics", request.bannedTopics(), errors);
        checkTerms("offTopicTerms", request.offTopicTerms(), errors);
        checkThreshold("caveatBelow", request.caveatBelow(), errors);
        checkThreshold("escalateBelow", request.escalateBelow(), errors);
        if (request.blockedAction() != null && !TenantPolicy.REFUSE.equals(request.blockedAction())
                && !TenantPolicy.ESCALATE.equals(request.blockedAction())) {
            errors.add("blockedAction: must be refuse or escalate");
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid policy",
                    String.join("; ", errors), Map.of("errors", errors));
        }
        TenantPolicies.Stored cleaned = new TenantPolicies.Stored(clean(request.bannedTopics()),
                clean(request.offTopicTerms()), request.caveatBelow(), request.escalateBelow(),
                request.blockedAction());
        policies.save(caller.tenantId(), cleaned, caller.subject());
        return new PolicyView(cleaned, policies.merge(cleaned));
    }

    private static void requireAdmin(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only tenant admins manage the policy.");
        }
    }

    private static void checkTerms(String field, @Nullable List<String> terms, List<String> errors) {
        if (terms == null) {
            return;
        }
        if (terms.size() > MAX_TERMS) {
            errors.add(field + ": at most " + MAX_TERMS + " entries");
        }
        for (String term : terms) {
            if (term == null || term.isBlank() || term.length() > MAX_TERM_CHARS) {
                errors.add(field + ": entries must be 1-" + MAX_TERM_CHARS + " characters");
                return;
            }
        }
    }

    private static void checkThreshold(String field, @Nullable Double value, List<String> errors) {
        if (value != null && (value.isNaN() || value < 0 || value > 1)) {
            errors.add(field + ": must be within 0..1");
        }
    }

    private static @Nullable List<String> clean(@Nullable List<String> terms) {
        return terms == null ? null : terms.stream().map(String::strip).distinct().toList();
    }
}
