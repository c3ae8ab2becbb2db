package org.supportrag.eval.drift;

import java.util.List;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/** Drift reports and knowledge gaps of the caller's tenant; admins may recompute now. */
@RestController
@RequestMapping("/api/v1/eval/drift")
@RequiredArgsConstructor
class DriftController {

    private final DriftService drift;

    record Reports(List<DriftReport> reports) {
    }

    record Gaps(String knowledgeBase, java.time.@Nullable Instant computedAt, List<DriftReport.KnowledgeGap> gaps) {
    }

    @GetMapping
    Reports latest(CallerIdentity caller) {
        requireStaff(caller);
        return new Reports(drift.latest(caller.tenantId()));
    }

    @GetMapping("/history")
    Reports history(@RequestParam String knowledgeBase, @RequestParam(defaultValue = "30") int limit,
            CallerIdentity caller) {
        requireStaff(caller);
        if (limit < 1 || limit > 500) {
            throw ApiProblemException.badRequest("invalid-limit", "Invalid limit", "'limit' must be 1 to 500.");
        }
        return new Reports(drift.history(caller.tenantId(), knowledgeBase, limit));
    }

    @GetMapping("/gaps")
    List<Gaps> gaps(CallerIdentity caller) {
        requireStaff(caller);
        return drift.latest(caller.tenantId())
            .stream()
            .map(report -> new Gaps(report.knowledgeBase(), report.computedAt(), report.gaps()))
            .toList();
    }

    /** Recomputes the caller's tenant now (outside the schedule, without the lock: one tenant, on request). */
    @PostMapping("/compute")
    Reports compute(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins may recompute drift.");
        }
        List<DriftReport> reports = drift.computeTenant(caller.tenantId());
        drift.refreshGauges();
        return new Reports(reports);
    }

    static void requireStaff(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.OPS) && !caller.hasRole(Roles.AGENT)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden",
                    "Only agents, admins and ops may read drift reports.");
        }
    }
}
