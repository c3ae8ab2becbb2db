package org.supportrag.eval.labels;

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

/** Agents label the assistant's answers; the labels are scoped to the caller's tenant and carry who labelled. */
@RestController
@RequestMapping("/api/v1/labels")
@RequiredArgsConstructor
class LabelController {

    private final LabelRepository repository;

    record LabelRequest(@NotNull UUID conversationId, @NotNull UUID messageId,
            @NotNull @Pattern(regexp = "correct|incorrect|missing_knowledge",
                    message = "must be 'correct', 'incorrect' or 'missing_knowledge'") String label,
            @Nullable @Size(max = 8000) String correctedAnswer, @Nullable @Size(max = 2000) String note) {
    }

    record LabelView(UUID id, UUID conversationId, UUID messageId, String label, @Nullable String correctedAnswer,
            @Nullable String note, String labelledBy, Instant createdAt) {
    }

    record LabelList(List<LabelView> items) {
    }

    @PostMapping
    ResponseEntity<LabelView> label(@Valid @RequestBody LabelRequest request, CallerIdentity caller) {
        requireAnyRole(caller, "Only agents and admins may label answers.", Roles.AGENT, Roles.ADMIN);
        LabelView stored = repository.upsert(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/labels/" + stored.id())).body(stored);
    }

    @GetMapping
    LabelList list(@RequestParam UUID conversationId, CallerIdentity caller) {
        requireAnyRole(caller, "Only agents, admins and ops may read labels.", Roles.AGENT, Roles.ADMIN, Roles.OPS,
                Roles.SERVICE);
        return new LabelList(repository.findByConversation(caller.tenantId(), conversationId));
    }

    private static void requireAnyRole(CallerIdentity caller, String detail, String... roles) {
        for (String role : roles) {
            if (caller.hasRole(role)) {
                return;
            }
        }
        throw ApiProblemException.forbidden("forbidden", "Forbidden", detail);
    }
}
