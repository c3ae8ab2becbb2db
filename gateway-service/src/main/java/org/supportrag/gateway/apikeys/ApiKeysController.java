package org.supportrag.gateway.apikeys;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.gateway.AdminRequests;
import org.supportrag.gateway.GatewayPaths;

/** Machine API keys of the caller's tenant (role admin, enforced by the security chain). */
@RestController
@RequiredArgsConstructor
class ApiKeysController {

    /** Roles a machine key may carry; never {@code service}, which only the platform's own calls hold. */
    static final Set<String> GRANTABLE_ROLES = Set.of(Roles.ADMIN, Roles.AGENT, Roles.OPS);
    static final int MAX_NAME_LENGTH = 100;

    private final ApiKeyAdmin keys;
    /** Strict on purpose: an unknown property (tenantId, keyHash...) is a mass-assignment attempt, not noise. */
    private final AdminRequests requests;

    @PostMapping(path = GatewayPaths.API_KEYS, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiKeyAdmin.CreatedApiKey> create(@RequestBody byte[] body, HttpServletRequest request) {
        CallerIdentity caller = CallerContext.current();
        CreateApiKeyRequest create = parse(body);
        String name = validName(create.name());
        List<String> roles = validRoles(create.roles());
        if (!caller.roles().containsAll(roles)) {
            keys.recordRefusedCreate(caller, request);
            throw ApiProblemException.forbidden("role-escalation", "Role not grantable",
                    "A key cannot be given roles its creator does not have.");
        }
        ApiKeyAdmin.CreatedApiKey created = keys.create(caller, request, name, roles);
        return ResponseEntity.created(URI.create(GatewayPaths.API_KEYS + "/" + created.id())).body(created);
    }

    @GetMapping(GatewayPaths.API_KEYS)
    ApiKeyList list() {
        return new ApiKeyList(keys.list(CallerContext.current().tenantId()));
    }

    @DeleteMapping(GatewayPaths.API_KEYS + "/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, HttpServletRequest request) {
        if (!keys.revoke(CallerContext.current(), request, id)) {
            throw ApiProblemException.notFound("api-key-not-found", "API key not found",
                    "This tenant has no API key with this id.");
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private CreateApiKeyRequest parse(byte[] body) {
        return requests.read(body, CreateApiKeyRequest.class, AdminRequests.INVALID_REQUEST,
                "The request body is not a valid API key request: a JSON object with name and roles.",
                property -> "Property '" + abbreviate(property) + "' cannot be set: only name and roles may.");
    }

    private static String validName(@Nullable String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME_LENGTH || stripped.chars().anyMatch(Character::isISOControl)) {
            throw invalid("name is required: 1 to " + MAX_NAME_LENGTH + " printable characters.");
        }
        return stripped;
    }

    private static List<String> validRoles(@Nullable List<@Nullable String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw invalid("roles is required: at least one of " + String.join(", ", sorted(GRANTABLE_ROLES)) + ".");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String role : roles) {
            if (role == null || !GRANTABLE_ROLES.contains(role)) {
                throw invalid("roles may only contain " + String.join(", ", sorted(GRANTABLE_ROLES)) + ".");
            }
            distinct.add(role);
        }
        return List.copyOf(distinct);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static ApiProblemException invalid(String detail) {
        return AdminRequests.invalid(detail);
    }

    record ApiKeyList(List<ApiKeyAdmin.ApiKeySummary> apiKeys) {
    }
}
