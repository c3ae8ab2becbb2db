package org.supportrag.gateway.audit;

import java.util.List;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerContext;
import org.supportrag.gateway.GatewayPaths;

/** The audit log of the caller's tenant (role admin, enforced by the security chain), paged by event id. */
@RestController
@RequiredArgsConstructor
class AuditEventsController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final AuditLog auditLog;

    @GetMapping(GatewayPaths.AUDIT_EVENTS)
    AuditEventPage list(@RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable Long before) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblemException.badRequest("validation", "Invalid limit",
                    "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        String tenant = CallerContext.current().tenantId();
        List<AuditLog.AuditEvent> events = auditLog.page(tenant, before == null ? Long.MAX_VALUE : before, size);
        Long next = events.size() == size ? events.getLast().id() : null;
        return new AuditEventPage(events, next);
    }

    /** {@code nextBefore}: pass as {@code before} for the next (older) page; null on the last page. */
    record AuditEventPage(List<AuditLog.AuditEvent> events, @Nullable Long nextBefore) {
    }
}
