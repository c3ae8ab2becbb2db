package org.supportrag.gateway.security;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import org.supportrag.defaults.problem.ProblemResponses;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.gateway.GatewayPaths;
import org.supportrag.gateway.keys.ApiKeyStore;
import org.supportrag.gateway.keys.ResolvedKey;
import org.supportrag.gateway.ratelimit.ClientAddresses;
import org.supportrag.gateway.ratelimit.RateLimitDecision;
import org.supportrag.gateway.ratelimit.RateLimitRequest;
import org.supportrag.gateway.ratelimit.RateLimiter;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Authenticates API calls by key. Widget routes take a widget key in {@code X-Api-Key} and check the browser
 * {@code Origin} against the key; admin routes (and metrics) also accept a secret key as {@code Authorization: Bearer}.
 * A request without a key stays anonymous and is answered 401 by the authorization rules; a wrong key is answered
 * here. Internal tokens are never accepted from clients. Authenticated requests then take their share of the rate
 * limits, before anything is proxied.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";
    static final URI INVALID_API_KEY = ProblemTypes.of("invalid-api-key");
    static final URI ORIGIN_NOT_ALLOWED = ProblemTypes.of("origin-not-allowed");
    static final URI RATE_LIMITED = ProblemTypes.of("rate-limited");

    /** Lets widget scripts on other origins read how much of their limit is left. */
    private static final String EXPOSED_HEADERS = String.join(", ", RateLimitDecision.LIMIT_HEADER,
            RateLimitDecision.REMAINING_HEADER, RateLimitDecision.RESET_HEADER, RateLimitDecision.RETRY_AFTER_HEADER);

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);
    private static final String BEARER = "Bearer ";

    private final ApiKeyStore keys;
    private final RateLimiter rateLimiter;
    private final ClientAddresses clientAddresses;
    private final RequestMatcher widgetPaths = matcher(GatewayPaths.WIDGET);
    private final RequestMatcher secretKeyPaths = new OrRequestMatcher(matcher(GatewayPaths.ADMIN),
            pathPattern(GatewayPaths.METRICS));
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ApiKeyStore keys, RateLimiter rateLimiter, ClientAddresses clientAddresses) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.clientAddresses = clientAddresses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean widgetRoute = widgetPaths.matches(request);
        if (!widgetRoute && !secretKeyPaths.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (widgetRoute && CorsUtils.isPreFlightRequest(request)) {
            answerPreflight(request, response);
            return;
        }
        String key = presentedKey(request, !widgetRoute);
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
            ProblemResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UPSTREAM_UNAVAILABLE,
                    "Service unavailable", "The request could not be authenticated right now. Please retry shortly.",
                    request.getRequestURI());
            return;
        }
        if (resolved.isEmpty()) {
            log.debug("Rejected an unknown or revoked API key on {}", request.getRequestURI());
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, INVALID_API_KEY, "Invalid API key",
                    "The API key is unknown or has been revoked.", request.getRequestURI());
            return;
        }
        CallerIdentity caller;
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
                response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
            }
            caller = new CallerIdentity(widget.tenantId(), "widget:" + widget.fingerprint(), Set.of(Roles.CUSTOMER),
                    Set.of(), null);
        }
        else {
            ResolvedKey.Admin admin = (ResolvedKey.Admin) resolved.get();
            caller = new CallerIdentity(admin.tenantId(), "api-key:" + admin.fingerprint(), admin.roles(), Set.of(),
                    null);
        }
        if (!withinRateLimits(request, response, resolved.get(), caller)) {
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(caller));
        contexts.setContext(context);
        MDC.put("tenant", caller.tenantId());
        try {
            chain.doFilter(request, response);
        }
        finally {
            MDC.remove("tenant");
        }
    }

    /**
     * Sets the RateLimit headers of the tightest limit; answers 429 (and returns false) when a limit is exhausted.
     * The client IP is the socket peer, or what configured trusted proxies forwarded (see {@link ClientAddresses}).
     */
    private boolean withinRateLimits(HttpServletRequest request, HttpServletResponse response, ResolvedKey key,
            CallerIdentity caller) throws IOException {
        String widgetKey = key instanceof ResolvedKey.Widget ? key.fingerprint() : null;
        RateLimitRequest limited = new RateLimitRequest(caller.tenantId(), widgetKey, clientAddresses.clientIp(request),
                caller.customerId());
        Optional<RateLimitDecision> decision;
        try {
            decision = rateLimiter.check(limited);
        }
        catch (RuntimeException ex) {
            // Bucket4j wraps SQL failures in its own exceptions; without the store no limit can be enforced.
            log.warn("Rate limit check failed: {}", ex.getMessage());
            ProblemResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UPSTREAM_UNAVAILABLE,
                    "Service unavailable", "The request could not be admitted right now. Please retry shortly.",
                    request.getRequestURI());
            return false;
        }
        if (decision.isEmpty()) {
            return true;
        }
        decision.get().headers().forEach(response::setHeader);
        if (decision.get().allowed()) {
            return true;
        }
        log.debug("Rate limited tenant {} on {}", caller.tenantId(), request.getRequestURI());
        ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, "Too many requests",
                "A request rate limit has been reached. Retry after " + decision.get().retryAfterSeconds()
                        + " seconds.", request.getRequestURI());
        return false;
    }

    /** Widget keys only come in X-Api-Key; secret keys may also be a bearer token (curl, CI, Prometheus). */
    private static @Nullable String presentedKey(HttpServletRequest request, boolean bearerAllowed) {
        String key = request.getHeader(API_KEY_HEADER);
        if (StringUtils.hasText(key)) {
            return key.strip();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (bearerAllowed && authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String bearer = authorization.substring(BEARER.length()).strip();
            return bearer.isEmpty() ? null : bearer;
        }
        return null;
    }

    /**
     * Browsers send preflights without the key, so the origin cannot be checked against it here; the real request
     * is checked, and only gets CORS headers when its key allows its origin.
     */
    private static void answerPreflight(HttpServletRequest request, HttpServletResponse response) {
        allowOrigin(response, request.getHeader(HttpHeaders.ORIGIN));
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Accept, X-Api-Key, Last-Event-ID");
        response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        response.setStatus(HttpStatus.NO_CONTENT.value());
    }

    private static void allowOrigin(HttpServletResponse response, String origin) {
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }

    private static RequestMatcher matcher(String... patterns) {
        RequestMatcher[] matchers = new RequestMatcher[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            matchers[i] = pathPattern(patterns[i]);
        }
        return new OrRequestMatcher(matchers);
    }
}
