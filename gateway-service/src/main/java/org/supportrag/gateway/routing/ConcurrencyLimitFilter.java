package org.supportrag.gateway.routing;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import org.supportrag.defaults.problem.ProblemResponses;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.gateway.GatewayPaths;

/**
 * Sheds load instead of drowning in it: at most {@code max} API requests are in flight on this replica; beyond that a
 * request is answered 503 at once (with {@code Retry-After}) rather than queued until memory runs out. Live event
 * streams are left out: they stay open for as long as a widget is, and the rate limits bound how many start.
 */
final class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyLimitFilter.class);

    private final RequestMatcher longLived = PathPatternRequestMatcher.pathPattern(GatewayPaths.CONVERSATION_EVENTS);
    private final Semaphore permits;

    ConcurrencyLimitFilter(int max) {
        this.permits = new Semaphore(max);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (longLived.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!permits.tryAcquire()) {
            log.debug("Overloaded: refused {}", request.getRequestURI());
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.of("overloaded"),
                    "Service overloaded", "Too many requests are in progress right now. Please retry in a moment.",
                    request.getRequestURI());
            return;
        }
        try {
            chain.doFilter(request, response);
        }
        finally {
            permits.release();
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        // The permit is held by the initial dispatch until it returns.
        return true;
    }
}
