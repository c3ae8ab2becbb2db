package org.supportrag.eval.abtest;

import java.time.Duration;
import java.time.Instant;

import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/** A/B outcomes of the caller's tenant over the last {@code days}. */
@RestController
@RequestMapping("/api/v1/eval/ab")
@RequiredArgsConstructor
class AbTestController {

    private final AbTestService service;

    @GetMapping
    AbOutcomes outcomes(@RequestParam(defaultValue = "prompt") String dimension,
            @RequestParam(defaultValue = "14") int days, @RequestParam(defaultValue = "100") int minSample,
            @RequestParam(defaultValue = "0.05") double alpha, CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.OPS)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins and ops may read A/B outcomes.");
        }
        AbDimension split = AbDimension.fromWireName(dimension)
            .orElseThrow(() -> ApiProblemException.badRequest("invalid-ab-request", "Invalid A/B request",
                    "'dimension' must be 'prompt' or 'model'."));
        if (days < 1 || days > 90 || minSample < 1 || minSample > 1_000_000 || !(alpha > 0 && alpha < 0.5)) {
            throw ApiProblemException.badRequest("invalid-ab-request", "Invalid A/B request",
                    "'days' must be 1 to 90, 'minSample' positive and 'alpha' between 0 and 0.5.");
        }
        Instant until = Instant.now();
        return service.outcomes(caller.tenantId(), split, until.minus(Duration.ofDays(days)), until, minSample,
                alpha);
    }
}
