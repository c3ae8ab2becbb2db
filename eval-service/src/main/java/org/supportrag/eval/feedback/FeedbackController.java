package org.supportrag.eval.feedback;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

@RestController
@RequestMapping("/api/v1/feedback")
@RequiredArgsConstructor
class FeedbackController {

    private final FeedbackRepository repository;

    record FeedbackRequest(@NotNull UUID conversationId, @NotNull UUID messageId,
            @NotNull @Pattern(regexp = "up|down", message = "must be 'up' or 'down'") String rating,
            @Nullable @Size(max = 2000) String comment, @Nullable @Size(max = 64) String traceId) {
    }

    record FeedbackView(UUID id, UUID conversationId, UUID messageId, String rating, @Nullable String comment,
            @Nullable String traceId, Instant createdAt) {
    }

    @PostMapping
    ResponseEntity<FeedbackView> submit(@Valid @RequestBody FeedbackRequest request, CallerIdentity caller) {
        FeedbackView stored = repository.upsert(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/feedback/" + stored.id())).body(stored);
    }

    @GetMapping
    List<FeedbackView> list(@RequestParam UUID conversationId, CallerIdentity caller) {
        if (!caller.hasRole(Roles.AGENT) && !caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.OPS)
                && !caller.hasRole(Roles.SERVICE)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only agents and admins may read feedback.");
        }
        return repository.findByConversation(caller.tenantId(), conversationId);
    }
}
