package org.supportrag.gateway.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.resilience.PeerClients;
import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.gateway.GatewayPaths;
import org.supportrag.gateway.GatewayProperties;
import org.supportrag.gateway.audit.AuditLog;
import org.supportrag.gateway.ratelimit.TenantLimitsAccess;

/**
 * A tenant admin's settings in one document (own tenant only: another id is a 404), each section from its owning
 * API: {@code rateLimits} (gateway), {@code budgets} with the model routing {@code tier}, {@code guardrails},
 * {@code language} and {@code crm} (generation). A section is replaced with {@code PUT .../settings/{section}}: the owner validates it (400
 * problems pass through as they are), it is audited here, and the owner applies it without a restart.
 */
@RestController
class TenantSettingsController {

    static final String RATE_LIMITS = "rateLimits";
    static final String BUDGETS = "budgets";
    static final String GUARDRAILS = "guardrails";
    static final String LANGUAGE = "language";
    static final String CRM = "crm";
    /** Generation's APIs of the sections it owns. */
    static final Map<String, String> GENERATION_PATHS = Map.of(BUDGETS, "/api/v1/budgets", GUARDRAILS,
            "/api/v1/guardrails/policy", LANGUAGE, "/api/v1/settings/language", CRM, "/api/v1/crm/connector");
    static final List<String> GENERATION_SECTIONS = List.of(BUDGETS, GUARDRAILS, LANGUAGE, CRM);

    private static final Logger log = LoggerFactory.getLogger(TenantSettingsController.class);

    private final TenantLimitsAccess limits;
    private final InternalTokenService tokens;
    private final AuditLog auditLog;
    private final RestClient generation;

    TenantSettingsController(TenantLimitsAccess limits, InternalTokenService tokens, AuditLog auditLog,
            GatewayProperties gateway, RestClient.Builder builder) {
        this.limits = limits;
        this.tokens = tokens;
        this.auditLog = auditLog;
        this.generation = builder.clone()
            .requestFactory(PeerClients.jdkRequests(gateway.connectTimeout(), gateway.responseTimeout()))
            .baseUrl(UriComponentsBuilder.fromUri(gateway.generationUrl()).toUriString())
            .build();
    }

    /** Every section; one whose owner does not answer is null and named in {@code unavailable}. */
    @GetMapping(GatewayPaths.TENANT_SETTINGS)
    TenantSettings get(@PathVariable String tenant) {
        CallerIdentity caller = CallerContext.current();
        Object rateLimits = limits.get(tenant);
        Map<String, @Nullable JsonNode> owned = new LinkedHashMap<>();
        List<String> unavailable = new java.util.ArrayList<>();
        for (String section : GENERATION_SECTIONS) {
            try {
                owned.put(section, call(caller, "GET", java.util.Objects.requireNonNull(GENERATION_PATHS.get(section)), null));
            }
            catch (ApiProblemException ex) {
                owned.put(section, null);
                unavailable.add(section);
            }
        }
        return new TenantSettings(caller.tenantId(), rateLimits, owned.get(BUDGETS), owned.get(GUARDRAILS),
                owned.get(LANGUAGE), owned.get(CRM), List.of(RATE_LIMITS, BUDGETS, GUARDRAILS, LANGUAGE, CRM),
                unavailable);
    }

    @PutMapping(path = GatewayPaths.TENANT_SETTINGS + "/{section}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Object put(@PathVariable String tenant, @PathVariable String section, @RequestBody byte[] body,
            HttpServletRequest request) {
        if (RATE_LIMITS.equals(section)) {
            // Validated and audited by the limits API itself.
            return limits.put(tenant, body, request);
        }
        CallerIdentity caller = CallerContext.current();
        String path = GENERATION_PATHS.get(section);
        if (!caller.tenantId().equals(tenant) || path == null) {
            throw ApiProblemException.notFound("settings-not-found", "Settings not found",
                    "There is no such settings section; sections are " + RATE_LIMITS + ", " + BUDGETS + ", "
                            + GUARDRAILS + ", " + LANGUAGE + " and " + CRM + ".");
        }
        try {
            JsonNode updated = call(caller, "PUT", path, body);
            auditLog.record(caller, request, "settings.update", "settings:" + section, AuditLog.SUCCESS, 200);
            return updated == null ? Map.of() : updated;
        }
        catch (ApiProblemException ex) {
            auditLog.record(caller, request, "settings.update", "settings:" + section, AuditLog.FAILURE,
                    ex.getStatusCode().value());
            throw ex;
        }
    }

    /** The owner's answer; its 4xx problems as they are, anything else as a 503 problem. */
    private @Nullable JsonNode call(CallerIdentity caller, String method, String path, byte @Nullable [] body) {
        try {
            RestClient.RequestBodySpec spec = generation.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> headers.setBearerAuth(tokens.mint(caller)));
            if (body != null) {
                spec.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return spec.retrieve().body(JsonNode.class);
        }
        catch (HttpStatusCodeException ex) {
            if (ex.getStatusCode().is4xxClientError()) {
                ProblemDetail problem = ex.getResponseBodyAs(ProblemDetail.class);
                if (problem != null && problem.getType() != null) {
                    Map<String, Object> properties = problem.getProperties() == null ? Map.of() : problem.getProperties();
                    throw new ApiProblemException(ex.getStatusCode(), problem.getType(),
                            problem.getTitle() == null ? "Invalid settings" : problem.getTitle(), problem.getDetail(),
                            properties);
                }
                throw new ApiProblemException(ex.getStatusCode(), ProblemTypes.VALIDATION, "Invalid settings", null);
            }
            log.warn("Generation answered {} for the tenant settings", ex.getStatusCode().value());
            throw unavailable();
        }
        catch (ResourceAccessException ex) {
            log.warn("Generation is unreachable for the tenant settings: {}", ex.getMessage());
            throw unavailable();
        }
    }

    private static ApiProblemException unavailable() {
        return new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.of("settings-unavailable"),
                "Settings unavailable", "The service that owns these settings does not answer; try again later.");
    }

    /**
     * @param budgets token and cost budgets, what happens when exhausted, and the model routing {@code tier}
     * @param guardrails stored and effective policy: banned topics, off-topic terms, caveat and escalation
     *        thresholds, blocked action
     * @param language the default customer language ({@code en}, {@code de}) and whether texts follow the
     *        visitor's language
     * @param crm the CRM connector: {@code source} (tenant or configuration), {@code kind} (none, rest),
     *        {@code baseUrl}, {@code tokenSet} (the token itself is write-only), {@code secretRef}
     * @param sections the sections {@code PUT .../settings/{section}} takes
     * @param unavailable sections whose owning service did not answer
     */
    record TenantSettings(String tenantId, Object rateLimits, @Nullable JsonNode budgets, @Nullable JsonNode guardrails,
            @Nullable JsonNode language, @Nullable JsonNode crm, List<String> sections, List<String> unavailable) {
    }
}
