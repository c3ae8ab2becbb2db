package org.supportrag.generation.prompt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/**
 * Admin API of the prompt templates. Tenant admins manage their tenant's overrides ({@code ?scope=tenant}); the
 * global defaults apply to every tenant, so changing them takes the operators' role.
 */
@RestController
@RequiredArgsConstructor
class PromptController {

    static final String PATH = "/api/v1/prompts";
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z-]{0,39}");

    private final PromptRepository prompts;
    private final ProductionGate gate;

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    PromptList list(CallerIdentity caller) {
        requireAny(caller, Set.of(Roles.ADMIN, Roles.OPS));
        Map<String, TemplateView> templates = new LinkedHashMap<>();
        for (PromptRepository.TemplateVersion version : prompts.versions(caller.tenantId())) {
            templates.computeIfAbsent(key(version.name(), version.tenantId()),
                    key -> new TemplateView(version.name(), PromptRepository.scope(version.tenantId()),
                            new ArrayList<>(), new LinkedHashMap<>()))
                .versions()
                .add(new VersionView(version.version(), version.body(), version.createdAt(), version.createdBy()));
        }
        for (PromptRepository.LabelView label : prompts.labels(caller.tenantId())) {
            TemplateView template = templates.get(key(label.name(), label.tenantId()));
            if (template != null) {
                template.labels().put(label.label(), label.version());
            }
        }
        return new PromptList(List.copyOf(templates.values()),
                new CanaryView(prompts.canaryPercentOf(null), prompts.canaryPercentOf(caller.tenantId())));
    }

    @PostMapping(path = PATH + "/{name}/versions", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    VersionCreated createVersion(@PathVariable String name, @RequestParam(required = false) @Nullable String scope,
            @RequestBody NewVersion request, CallerIdentity caller) {
        PromptScope target = PromptScope.parse(scope);
        requireWrite(caller, target);
        requireKnown(name);
        String body = request.body() == null ? "" : request.body();
        List<String> errors = PromptTemplates.validate(name, body);
        if (!errors.isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.of("invalid-prompt-template"),
                    "Invalid prompt template", String.join("; ", errors), Map.of("errors", errors));
        }
        int version = prompts.createVersion(name, tenantOf(caller, target), body, caller.subject());
        return new VersionCreated(name, target.value(), version);
    }

    @PutMapping(path = PATH + "/{name}/labels/{label}", produces = MediaType.APPLICATION_JSON_VALUE)
    LabelMoved promote(@PathVariable String name, @PathVariable String label,
            @RequestParam(required = false) @Nullable String scope, @RequestBody Promotion request,
            CallerIdentity caller) {
        PromptScope target = PromptScope.parse(scope);
        requireWrite(caller, target);
        requireKnown(name);
        requireLabel(label);
        if (request.version() == null) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    "version: must not be null", Map.of("errors", List.of("version: must not be null")));
        }
        String tenantId = tenantOf(caller, target);
        if (!prompts.versionExists(name, tenantId, request.version())) {
            throw ApiProblemException.notFound("prompt-version-not-found", "Prompt version not found",
                    "Template " + name + " has no version " + request.version() + " in scope " + target.value() + ".");
        }
        ProductionGate.Decision decision = label.equals(PromptNames.PRODUCTION)
                ? gate.check(name, target, request.version(), request.overrideReason())
                : ProductionGate.Decision.NOT_GATED;
        prompts.promote(name, tenantId, label, request.version(), caller.subject(), decision.audit(),
                decision.overrideReason());
        return new LabelMoved(name, target.value(), label, request.version());
    }

    /** The label's moves, newest first: who, when, the gate verdict it was checked against, an override's reason. */
    @GetMapping(path = PATH + "/{name}/labels/{label}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    LabelHistory history(@PathVariable String name, @PathVariable String label,
            @RequestParam(required = false) @Nullable String scope, CallerIdentity caller) {
        PromptScope target = PromptScope.parse(scope);
        requireAny(caller, Set.of(Roles.ADMIN, Roles.OPS));
        requireKnown(name);
        requireLabel(label);
        return new LabelHistory(prompts.history(name, tenantOf(caller, target), label));
    }

    @PostMapping(path = PATH + "/{name}/labels/{label}/rollback", produces = MediaType.APPLICATION_JSON_VALUE)
    LabelMoved rollback(@PathVariable String name, @PathVariable String label,
            @RequestParam(required = false) @Nullable String scope, CallerIdentity caller) {
        PromptScope target = PromptScope.parse(scope);
        requireWrite(caller, target);
        requireKnown(name);
        requireLabel(label);
        int version = prompts.rollback(name, tenantOf(caller, target), label, caller.subject())
            .orElseThrow(() -> new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.of("nothing-to-roll-back"),
                    "Nothing to roll back", "Label " + label + " of " + name + " has no earlier version in scope "
                            + target.value() + ".", Map.of()));
        return new LabelMoved(name, target.value(), label, version);
    }

    @PutMapping(path = PATH + "/canary", produces = MediaType.APPLICATION_JSON_VALUE)
    CanarySetting setCanary(@RequestParam(required = false) @Nullable String scope, @RequestBody CanarySetting request,
            CallerIdentity caller) {
        PromptScope target = PromptScope.parse(scope);
        requireWrite(caller, target);
        if (request.percent() == null || request.percent() < 0 || request.percent() > 100) {
            List<String> errors = List.of("percent: must be within 0..100");
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    errors.getFirst(), Map.of("errors", errors));
        }
        prompts.setCanaryPercent(tenantOf(caller, target), request.percent(), caller.subject());
        return request;
    }

    private static void requireWrite(CallerIdentity caller, PromptScope scope) {
        requireAny(caller, scope == PromptScope.TENANT ? Set.of(Roles.ADMIN, Roles.OPS) : Set.of(Roles.OPS));
    }

    private static void requireAny(CallerIdentity caller, Set<String> roles) {
        if (caller.roles().stream().noneMatch(roles::contains)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden",
                    "The caller may not manage these prompt templates.");
        }
    }

    private static void requireKnown(String name) {
        if (!PromptNames.known(name)) {
            throw ApiProblemException.notFound("prompt-not-found", "Prompt template not found",
                    "No prompt template is named " + name + ".");
        }
    }

    private static void requireLabel(String label) {
        if (!LABEL.matcher(label).matches()) {
            throw ApiProblemException.badRequest("invalid-prompt-label", "Invalid label",
                    "A label is 1-40 lowercase letters or '-', starting with a letter.");
        }
    }

    private static @Nullable String tenantOf(CallerIdentity caller, PromptScope scope) {
        return scope == PromptScope.TENANT ? caller.tenantId() : null;
    }

    private static String key(String name, @Nullable String tenantId) {
        return name + "\u0000" + (tenantId == null ? "" : tenantId);
    }

    record NewVersion(@Nullable String body) {
    }

    /**
     * @param overrideReason labels a version production although its gate verdict is missing or failed; kept in the
     *                       label's history with the verdict
     */
    record Promotion(@Nullable Integer version, @Nullable String overrideReason) {
    }

    record LabelHistory(List<PromptRepository.HistoryView> items) {
    }

    record CanarySetting(@Nullable Integer percent) {
    }

    record VersionCreated(String name, String scope, int version) {
    }

    record LabelMoved(String name, String scope, String label, int version) {
    }

    record PromptList(List<TemplateView> templates, CanaryView canaryPercent) {
    }

    record TemplateView(String name, String scope, List<VersionView> versions, Map<String, Integer> labels) {
    }

    record VersionView(int version, String body, Instant createdAt, String createdBy) {
    }

    record CanaryView(@Nullable Integer global, @Nullable Integer tenant) {
    }
}
