package org.supportrag.generation.crm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
 * Admin API of the caller's tenant CRM connector. A stored connector overrides the operator's configuration for the
 * tenant from the next turn on; the token is write-only.
 */
@RestController
class CrmConnectorController {

    static final String PATH = "/api/v1/crm/connector";
    private static final Pattern SECRET_REF = Pattern.compile(TenantConnectors.SECRET_PREFIX + "[A-Z0-9_]{1,64}");
    private static final int MAX_TOKEN_CHARS = 4096;
    private static final int MAX_URL_CHARS = 2048;

    private final TenantConnectors connectors;
    private final CrmProperties properties;

    CrmConnectorController(TenantConnectors connectors, CrmProperties properties) {
        this.connectors = connectors;
        this.properties = properties;
    }

    /**
     * @param kind {@code none} (no CRM for this tenant) or {@code rest} (the HTTP/JSON CRM connector)
     * @param baseUrl the CRM API root, http or https, without credentials; required for {@code rest}
     * @param apiToken the credential, write-only; left out = keep the stored one
     * @param secretRef instead of a token: the name of an environment entry {@code RAG_CRM_SECRET_*} of the
     *        generation service holding it
     * @param toolCalling whether answers reach the CRM through tool calls; null = the configured default
     */
    record ConnectorRequest(@Nullable String kind, @Nullable String baseUrl, @Nullable String apiToken,
            @Nullable String secretRef, @Nullable Boolean toolCalling) {

        @Override
        public String toString() {
            return "ConnectorRequest[kind=" + kind + ", baseUrl=" + baseUrl + ", apiToken="
                    + CrmProperties.redact(apiToken) + "]";
        }
    }

    /**
     * @param source {@code tenant} when the tenant stored a connector, else {@code configuration}
     * @param kind the effective kind
     * @param tokenSet whether a credential is stored (it is never returned)
     * @param kinds the kinds {@code kind} may take
     */
    record ConnectorView(String source, String kind, @Nullable String baseUrl, boolean tokenSet,
            @Nullable String secretRef, @Nullable Boolean toolCalling, List<String> kinds) {
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ConnectorView get(CallerIdentity caller) {
        requireAdmin(caller);
        return connectors.stored(caller.tenantId()).map(CrmConnectorController::view).orElseGet(() -> {
            CrmProperties.Connection configured = properties.connection(caller.tenantId());
            return configured == null
                    ? new ConnectorView("configuration", TenantConnectors.NONE, null, false, null, null, kinds())
                    : new ConnectorView("configuration", TenantConnectors.REST, configured.baseUrl().toString(),
                            configured.apiKey() != null, null, configured.toolCalling(), kinds());
        });
    }

    @PutMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ConnectorView put(@RequestBody ConnectorRequest request, CallerIdentity caller) {
        requireAdmin(caller);
        List<String> errors = new ArrayList<>();
        String kind = request.kind() == null ? "" : request.kind().strip();
        URI url = null;
        if (!TenantConnectors.NONE.equals(kind) && !TenantConnectors.REST.equals(kind)) {
            errors.add("kind: must be one of " + kinds());
        }
        else if (TenantConnectors.REST.equals(kind)) {
            url = url(request.baseUrl(), errors);
        }
        if (request.apiToken() != null && (request.apiToken().isBlank() || request.apiToken().length() > MAX_TOKEN_CHARS
                || request.apiToken().chars().anyMatch(Character::isISOControl))) {
            errors.add("apiToken: must be 1-" + MAX_TOKEN_CHARS + " printable characters");
        }
        if (request.secretRef() != null && !SECRET_REF.matcher(request.secretRef()).matches()) {
            errors.add("secretRef: must name an environment entry " + TenantConnectors.SECRET_PREFIX
                    + "* (capitals, digits, _)");
        }
        if (request.apiToken() != null && request.secretRef() != null) {
            errors.add("apiToken, secretRef: give one of them");
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid CRM connector",
                    String.join("; ", errors), Map.of("errors", errors));
        }
        boolean none = TenantConnectors.NONE.equals(kind);
        TenantConnectors.Stored saved = connectors.save(caller.tenantId(), new TenantConnectors.Stored(kind, url,
                none ? null : request.apiToken(), none ? null : request.secretRef(),
                none ? null : request.toolCalling()), !none, caller.subject());
        return view(saved);
    }

    private static @Nullable URI url(@Nullable String value, List<String> errors) {
        if (value == null || value.isBlank() || value.length() > MAX_URL_CHARS) {
            errors.add("baseUrl: required for kind rest, at most " + MAX_URL_CHARS + " characters");
            return null;
        }
        try {
            URI url = new URI(value.strip());
            if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
                errors.add("baseUrl: must be an http or https URL");
            }
            else if (url.getHost() == null || url.getHost().isBlank()) {
                errors.add("baseUrl: must name a host");
            }
            else if (url.getRawUserInfo() != null) {
                errors.add("baseUrl: must not carry credentials; use apiToken or secretRef");
            }
            else if (url.getRawQuery() != null || url.getRawFragment() != null) {
                errors.add("baseUrl: must not have a query or fragment");
            }
            else {
                return url;
            }
        }
        catch (URISyntaxException ex) {
            errors.add("baseUrl: not a valid URL");
        }
        return null;
    }

    private static ConnectorView view(TenantConnectors.Stored stored) {
        return new ConnectorView("tenant", stored.kind(), stored.baseUrl() == null ? null : stored.baseUrl().toString(),
                stored.apiToken() != null, stored.secretRef(), stored.toolCalling(), kinds());
    }

    private static List<String> kinds() {
        return List.of(TenantConnectors.NONE, TenantConnectors.REST);
    }

    private static void requireAdmin(CallerIdentity caller) {
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only tenant admins manage the CRM connector.");
        }
    }
}
