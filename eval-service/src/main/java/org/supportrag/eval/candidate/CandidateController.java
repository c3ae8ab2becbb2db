package org.supportrag.eval.candidate;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.eval.dataset.DatasetVersion;

/**
 * Candidates of the caller's tenant. Listing collects new labels and commented thumbs-down first (so a label shows up
 * at once, not only after the scheduled collection); admins accept a candidate into a named dataset or reject it.
 */
@RestController
@RequestMapping("/api/v1/eval/candidates")
@RequiredArgsConstructor
class CandidateController {

    private static final Logger log = LoggerFactory.getLogger(CandidateController.class);

    private final CandidateService service;
    private final CandidateRepository repository;

    /** {@code collectionProblem}: why new signals could not be collected just now (generation unreachable). */
    record CandidateList(List<Candidate> items, @Nullable String collectionProblem) {
    }

    record AcceptRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
            message = "must be letters, digits, '.', '_' or '-'") String dataset,
            @Nullable String type, @Nullable @Size(max = 8000) String reference,
            @Nullable @Size(max = 50) List<@Size(max = 500) String> facts,
            @Nullable @Size(max = 50) List<@Size(max = 500) String> sources) {
    }

    record RejectRequest(@Nullable @Size(max = 2000) String reason) {
    }

    record AcceptedView(Candidate candidate, DatasetVersion datasetVersion) {
    }

    @GetMapping
    CandidateList list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "100") int limit, CallerIdentity caller) {
        requireRole(caller, Roles.ADMIN, Roles.OPS);
        if (status != null && !List.of(Candidate.PENDING, Candidate.ACCEPTED, Candidate.REJECTED).contains(status)) {
            throw ApiProblemException.badRequest("invalid-status", "Invalid status",
                    "'status' must be pending, accepted or rejected.");
        }
        if (limit < 1 || limit > 500) {
            throw ApiProblemException.badRequest("invalid-limit", "Invalid limit", "'limit' must be 1 to 500.");
        }
        String problem = null;
        try {
            service.collect(caller.tenantId());
        }
        catch (ApiProblemException ex) {
            log.warn("Collecting candidates failed: {}", ex.getBody().getDetail());
            problem = ex.getBody().getDetail();
        }
        return new CandidateList(repository.list(caller.tenantId(), status, limit), problem);
    }

    @PostMapping("/{id}/accept")
    AcceptedView accept(@PathVariable UUID id, @Valid @RequestBody AcceptRequest request, CallerIdentity caller) {
        requireRole(caller, Roles.ADMIN);
        CandidateService.Accepted accepted = service.accept(caller.tenantId(), id,
                new CandidateService.Acceptance(request.dataset(), request.type(), request.reference(),
                        request.facts(), request.sources()), caller.subject());
        return new AcceptedView(accepted.candidate(), accepted.version());
    }

    @PostMapping("/{id}/reject")
    Candidate reject(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable RejectRequest request,
            CallerIdentity caller) {
        requireRole(caller, Roles.ADMIN);
        return service.reject(caller.tenantId(), id, request == null ? null : request.reason(), caller.subject());
    }

    private static void requireRole(CallerIdentity caller, String... roles) {
        for (String role : roles) {
            if (caller.hasRole(role)) {
                return;
            }
        }
        throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins may manage dataset candidates.");
    }
}
