package org.supportrag.gateway.audit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.gateway.GatewayPaths;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Records authenticated requests to proxied admin routes (knowledge bases: every request; prompts, budgets and
 * evaluation: every change) and agent actions (claim, resolve, agent replies, labels): method, path (no query string,
 * no body) and the status the client got. Runs inside the security chain, so the caller is known.
 */
@RequiredArgsConstructor
final class AdminRouteAuditFilter extends OncePerRequestFilter {

    static final String ACTION = "http.request";

    private record Audited(RequestMatcher matcher, String action) {
    }

    private static final RequestMatcher CHANGE = request -> !HttpMethod.GET.matches(request.getMethod())
            && !HttpMethod.HEAD.matches(request.getMethod()) && !HttpMethod.OPTIONS.matches(request.getMethod());

    private static final List<Audited> AUDITED = List.of(
            new Audited(pathPattern(HttpMethod.POST, GatewayPaths.ESCALATION_CLAIM), "escalation.claim"),
            new Audited(pathPattern(HttpMethod.POST, GatewayPaths.ESCALATION_RESOLVE), "escalation.resolve"),
            new Audited(pathPattern(HttpMethod.POST, GatewayPaths.AGENT_REPLIES), "conversation.agent-reply"),
            new Audited(pathPattern(HttpMethod.POST, GatewayPaths.LABELS), "label.create"),
            new Audited(pathPattern(GatewayPaths.KNOWLEDGE_BASES), ACTION),
            new Audited(new AndRequestMatcher(CHANGE, new OrRequestMatcher(pathPattern(GatewayPaths.PROMPTS),
                    pathPattern(GatewayPaths.BUDGETS), pathPattern(GatewayPaths.GUARDRAILS),
                    pathPattern(GatewayPaths.EVAL))), ACTION));

    private static final Logger log = LoggerFactory.getLogger(AdminRouteAuditFilter.class);

    private final AuditLog auditLog;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CallerIdentity> caller = CallerContext.find();
        Optional<String> action = AUDITED.stream()
            .filter(audited -> audited.matcher().matches(request))
            .map(Audited::action)
            .findFirst();
        if (caller.isEmpty() || action.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        }
        finally {
            int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
            record(caller.get(), action.get(), request, status);
        }
    }

    private void record(CallerIdentity caller, String action, HttpServletRequest request, int status) {
        try {
            auditLog.record(caller, request, action, request.getMethod() + " " + request.getRequestURI(),
                    status < 400 ? AuditLog.SUCCESS : AuditLog.FAILURE, status);
        }
        catch (DataAccessException ex) {
            // The request has been served; losing its audit row must not turn it into an error.
            log.warn("Could not write an audit event: {}", ex.getMessage());
        }
    }
}
