package org.supportrag.gateway.apikeys;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import org.supportrag.defaults.problem.ProblemResponses;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.gateway.enduser.EndUser;
import org.supportrag.gateway.enduser.EndUserTokens;
import org.supportrag.gateway.enduser.InvalidEndUserTokenException;

/**
 * Authenticates API calls by key: {@code X-Api-Key}, or {@code Authorization: Bearer} when the bearer value is not a
 * JWT (JWTs are console sign-ins, left to the resource server). A widget key only works from its own browser origins
 * and grants the customer role; with it, a valid {@code X-User-Token} names the signed-in end user. Without
 * {@code Origin} (no browser) a widget key still works, but as an anonymous caller under stricter rate limits:
 * server-side callers use a secret key or a signed visitor token. A request without
 * a key stays anonymous and is answered 401 by the authorization rules; a wrong key is answered here. Internal tokens
 * are never accepted from clients. Also answers CORS preflights, from the origins tenants allow.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = ApiKeyAuthentication.API_KEY_HEADER;
    static final String USER_TOKEN_HEADER = "X-User-Token";
    static final URI INVALID_API_KEY = ApiKeyAuthentication.INVALID_API_KEY;
    static final URI INVALID_USER_TOKEN = ProblemTypes.of("invalid-user-token");
    static final URI ORIGIN_NOT_ALLOWED = ProblemTypes.of("origin-not-allowed");
    static final URI TENANT_SUSPENDED = ProblemTypes.of("tenant-suspended");

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

    private final ApiKeyStore keys;
    private final AllowedOrigins allowedOrigins;
    private final EndUserTokens endUserTokens;
    private final RequestMatcher apiPaths;
    private final String exposedHeaders;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * @param apiPaths the requests to authenticate
     * @param exposedHeaders response headers widget scripts on other origins may read (how much of their rate limit
     *        is left)
     */
    ApiKeyAuthenticationFilter(ApiKeyStore keys, AllowedOrigins allowedOrigins, EndUserTokens endUserTokens,
            RequestMatcher apiPaths, List<String> exposedHeaders) {
        this.keys = keys;
        this.allowedOrigins = allowedOrigins;
        this.endUserTokens = endUserTokens;
        this.apiPaths = apiPaths;
        this.exposedHeaders = String.join(", ", exposedHeaders);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!apiPaths.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            answerPreflight(request, response);
            return;
        }
        String key = presentedKey(request);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ResolvedKey> resolved;
        try {
            resolved = keys.resolve(key);
        }
        catch (DataAccessException ex) {
            log.warn("API key lookup failed: {}", ex.getMessage());
            unavailable(request, response);
            return;
        }
        if (resolved.isEmpty()) {
            log.debug("Rejected an unknown or revoked API key on {}", request.getRequestURI());
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, INVALID_API_KEY, "Invalid API key",
                    "The API key is unknown or has been revoked.", request.getRequestURI());
            return;
        }
        if (resolved.get() instanceof ResolvedKey.Suspended suspended) {
            log.debug("Refused a key {} of a suspended tenant", suspended.fingerprint());
            ProblemResponses.write(response, HttpStatus.FORBIDDEN, TENANT_SUSPENDED, "Tenant suspended",
                    "This key's tenant is suspended; its operator can resume it.", request.getRequestURI());
            return;
        }
        CallerIdentity caller;
        String widgetKey = null;
        String apiKey = null;
        boolean anonymous = false;
        if (resolved.get() instanceof ResolvedKey.Widget widget) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (origin != null && !widget.allowsOrigin(origin)) {
                log.debug("Widget key {} used from a foreign origin", widget.fingerprint());
                ProblemResponses.write(response, HttpStatus.FORBIDDEN, ORIGIN_NOT_ALLOWED, "Origin not allowed",
                        "This widget key may not be used from this web site.", request.getRequestURI());
                return;
            }
            if (origin != null) {
                allowOrigin(response, origin);
                response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposedHeaders);
            }
            EndUser endUser = null;
            String userToken = request.getHeader(USER_TOKEN_HEADER);
            if (StringUtils.hasText(userToken)) {
                try {
                    endUser = endUserTokens.verify(widget.tenantId(), userToken.strip());
                }
                catch (InvalidEndUserTokenException | IllegalStateException ex) {
                    log.debug("Rejected an end-user token for tenant {}: {}", widget.tenantId(), ex.getMessage());
                    ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, INVALID_USER_TOKEN,
                            "Invalid user token", "The signed user identity (X-User-Token) is not valid.",
                            request.getRequestURI());
                    return;
                }
                catch (DataAccessException ex) {
                    log.warn("End-user key lookup failed: {}", ex.getMessage());
                    unavailable(request, response);
                    return;
                }
            }
            widgetKey = widget.fingerprint();
            // No Origin and no signed visitor: a script or server anywhere; allowed, at the anonymous limit.
            anonymous = origin == null && endUser == null;
            caller = endUser == null
                    ? new CallerIdentity(widget.tenantId(), "widget:" + widget.fingerprint(), Set.of(Roles.CUSTOMER),
                            Set.of(), null)
                    : new CallerIdentity(widget.tenantId(), "customer:" + endUser.customerId(), Set.of(Roles.CUSTOMER),
                            endUser.groups(), endUser.customerId());
        }
        else {
            ResolvedKey.Admin admin = (ResolvedKey.Admin) resolved.get();
            apiKey = admin.fingerprint();
            caller = new CallerIdentity(admin.tenantId(), "api-key:" + admin.fingerprint(), admin.roles(), Set.of(),
                    null);
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller, widgetKey, apiKey, anonymous));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    /** {@code X-Api-Key}, else a bearer value that is not a JWT. */
    static @Nullable String presentedKey(HttpServletRequest request) {
        String key = request.getHeader(API_KEY_HEADER);
        if (StringUtils.hasText(key)) {
            return key.strip();
        }
        String bearer = ApiKeyAuthentication.bearer(request);
        return bearer == null || ApiKeyAuthentication.looksLikeJwt(bearer) ? null : bearer;
    }

    /**
     * Browsers send preflights without the key: the origin must be one some tenant allows for its widget; the real
     * request is then checked against its own key's origins.
     */
    private void answerPreflight(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean allowed;
        try {
            allowed = origin != null && allowedOrigins.isAllowed(origin);
        }
        catch (DataAccessException ex) {
            log.warn("Allowed origin lookup failed: {}", ex.getMessage());
            unavailable(request, response);
            return;
        }
        if (!allowed) {
            ProblemResponses.write(response, HttpStatus.FORBIDDEN, ORIGIN_NOT_ALLOWED, "Origin not allowed",
                    "No widget may be used from this web site.", request.getRequestURI());
            return;
        }
        allowOrigin(response, origin);
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                "Content-Type, Accept, X-Api-Key, X-User-Token, Last-Event-ID");
        response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        response.setStatus(HttpStatus.NO_CONTENT.value());
    }

    private static void allowOrigin(HttpServletResponse response, String origin) {
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UPSTREAM_UNAVAILABLE,
                "Service unavailable", "The request could not be authenticated right now. Please retry shortly.",
                request.getRequestURI());
    }
}
