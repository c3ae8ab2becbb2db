package org.supportrag.gateway.ratelimit;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import org.supportrag.defaults.problem.ProblemResponses;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.gateway.apikeys.CallerAuthentication;
import org.supportrag.gateway.clientip.ClientAddresses;

/**
 * Takes every authenticated API request's share of the rate limits (widget key, tenant, client IP, end user) before
 * anything is proxied; sets the RateLimit headers of the tightest limit and answers 429 when one is exhausted.
 */
@RequiredArgsConstructor
public final class RateLimitFilter extends OncePerRequestFilter {

    static final URI RATE_LIMITED = ProblemTypes.of("rate-limited");

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter rateLimiter;
    private final ClientAddresses clientAddresses;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof CallerAuthentication authenticated)) {
            chain.doFilter(request, response);
            return;
        }
        CallerIdentity caller = authenticated.getPrincipal();
        if (!withinRateLimits(request, response, caller, authenticated)) {
            return;
        }
        MDC.put("tenant", caller.tenantId());
        try {
            chain.doFilter(request, response);
        }
        finally {
            MDC.remove("tenant");
        }
    }

    private boolean withinRateLimits(HttpServletRequest request, HttpServletResponse response, CallerIdentity caller,
            CallerAuthentication authenticated) throws IOException {
        RateLimitRequest limited = new RateLimitRequest(caller.tenantId(), authenticated.widgetKey(),
                clientAddresses.clientIp(request), caller.customerId(), authenticated.apiKey(),
                authenticated.anonymous());
        Optional<RateLimitDecision> decision;
        try {
            decision = rateLimiter.check(limited);
        }
        catch (RuntimeException ex) {
            // Bucket4j wraps SQL failures in its own exceptions; without the store no limit can be enforced.
            log.warn("Rate limit check failed: {}", ex.toString());
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
}
