package org.supportrag.gateway.security;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.supportrag.gateway.GatewayPaths;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/** The Content-Security-Policy of every response; the console may also talk to an external identity provider. */
public final class SecurityHeaders {

    /** Our pages and the widget load nothing from elsewhere; inline script and style are never needed. */
    public static final String CONTENT_SECURITY_POLICY = policy("'self'");

    private SecurityHeaders() {
    }

    static String policy(String connectSources) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src "
                + connectSources + "; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    /**
     * Writes the strict policy everywhere; console pages additionally may connect to the configured issuer (token
     * endpoint, JWKS), and to nothing else.
     */
    static HeaderWriter contentSecurityPolicy(@Nullable URI consoleIssuer) {
        RequestMatcher console = pathPattern(GatewayPaths.CONSOLE);
        String consolePolicy = consoleIssuer == null ? CONTENT_SECURITY_POLICY
                : policy("'self' " + consoleIssuer.getScheme() + "://" + consoleIssuer.getRawAuthority());
        return (HttpServletRequest request, HttpServletResponse response) -> {
            if (!response.containsHeader("Content-Security-Policy")) {
                response.setHeader("Content-Security-Policy",
                        console.matches(request) ? consolePolicy : CONTENT_SECURITY_POLICY);
            }
        };
    }
}
