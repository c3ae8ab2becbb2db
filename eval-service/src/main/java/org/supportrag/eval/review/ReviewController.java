package org.supportrag.eval.review;

import java.util.List;
import java.util.Map;

import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/**
 * The review queue of the caller's tenant. Agents label its answers through the label API
 * ({@code POST /api/v1/labels}); an item counts as labelled as soon as a label for its message exists.
 */
@RestController
@RequestMapping("/api/v1/eval/review-queue")
@RequiredArgsConstructor
class ReviewController {

    private final ReviewQueue queue;

    record ReviewList(ReviewQueue.Summary summary, List<ReviewQueue.Item> items) {
    }

    @GetMapping
    ReviewList list(@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "50") int limit,
            CallerIdentity caller) {
        if (!caller.hasRole(Roles.AGENT) && !caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden",
                    "Only agents and admins may read the review queue.");
        }
        if (!List.of("open", "labelled", "all").contains(status)) {
            throw ApiProblemException.badRequest("invalid-status", "Invalid status",
                    "'status' must be open, labelled or all.");
        }
        if (limit < 1 || limit > 500) {
            throw ApiProblemException.badRequest("invalid-limit", "Invalid limit", "'limit' must be 1 to 500.");
        }
        return new ReviewList(queue.summary(caller.tenantId()), queue.items(caller.tenantId(), status, limit));
    }

    /** Samples the caller's tenant's new turns now instead of waiting for the schedule. */
    @PostMapping("/sample")
    Map<String, Integer> sample(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only admins may sample the review queue.");
        }
        return Map.of("added", queue.sample(caller.tenantId()));
    }
}
