package org.supportrag.gateway.oidc;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.gateway.GatewayPaths;

/** What the console needs to start an authorization code + PKCE sign-in. */
@RestController
class ConsoleConfigController {

    private final ConsoleSignIn signIn;
    private final OidcProperties properties;
    /** A trace UI link with {traceId} (e.g. Grafana Explore or Jaeger); the console links trace ids through it. */
    private final @Nullable String traceUrl;

    ConsoleConfigController(ConsoleSignIn signIn, OidcProperties properties,
            @Value("${rag.gateway.console.trace-url:}") String traceUrl) {
        this.signIn = signIn;
        this.properties = properties;
        this.traceUrl = traceUrl.isBlank() ? null : traceUrl;
    }

    @GetMapping(GatewayPaths.CONSOLE_CONFIG)
    ResponseEntity<ConsoleConfig> config(HttpServletRequest request) {
        String issuer = signIn.issuer(request)
            .orElseThrow(() -> ApiProblemException.notFound("console-sign-in-off", "Console sign-in is off",
                    "No identity provider is configured for the console (rag.gateway.oidc.issuer-uri)."));
        return ResponseEntity.ok()
            .cacheControl(CacheControl.noCache())
            .body(new ConsoleConfig(issuer, properties.clientId(), properties.scopes(), traceUrl));
    }

    record ConsoleConfig(String issuer, String clientId, String scopes, @Nullable String traceUrl) {
    }
}
