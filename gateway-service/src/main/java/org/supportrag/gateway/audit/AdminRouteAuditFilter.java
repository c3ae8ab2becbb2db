package org.supportrag.gateway.audit;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;

/**
 * Records every authenticated request to a proxied admin route: method, path (no query string, no body) and the
 * status the client got. Runs inside the security chain, so the caller is known.
 */
final class AdminRouteAuditFilter extends OncePerRequestFilter {

    static final String ACTION = "http.request";

    private static final Logger log = LoggerFactory.getLogger(AdminRouteAuditFilter.class);

    private final AuditLog auditLog;

    AdminRouteAuditFilter(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CallerIdentity> caller = CallerContext.find();
        if (caller.isEmpty()) {
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
            record(caller.get(), request, status);
        }
    }

    private void record(CallerIdentity caller, HttpServletRequest request, int status) {
        try {
            auditLog.record(caller, request, ACTION, request.getMethod() + " " + request.getRequestURI(),
                    status < 400 ? AuditLog.SUCCESS : AuditLog.FAILURE, status);
        }
        catch (DataAccessException ex) {
            // The request has been served; losing its audit row must not turn it into an error.
            log.warn("Could not write an audit event: {}", ex.getMessage());
        }
    }
}
