package org.supportrag.gateway.audit;

import java.time.Instant;
import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.gateway.clientip.ClientAddresses;

/**
 * Appends to and reads {@code gateway.audit_events}: who did what to which of their tenant's resources, with the
 * trace id to find the rest of the story. Never request or response bodies.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class AuditLog {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    private static final String INSERT = """
            INSERT INTO audit_events (tenant_id, actor, action, target, outcome, http_status, trace_id, client_ip)
            VALUES (:tenant, :actor, :action, :target, :outcome, :status, :trace, :ip)
            """;

    private static final String PAGE = """
            SELECT id, actor, action, target, outcome, http_status, trace_id, client_ip, created_at
              FROM audit_events
             WHERE tenant_id = :tenant AND id < :before
             ORDER BY id DESC
             LIMIT :limit
            """;

    private final JdbcClient jdbc;
    private final ClientAddresses clientAddresses;
    private final ObjectProvider<Tracer> tracer;

    /** Records one action of {@code caller} in their own tenant, in the caller's transaction if there is one. */
    public void record(CallerIdentity caller, HttpServletRequest request, String action, String target, String outcome,
            @Nullable Integer httpStatus) {
        jdbc.sql(INSERT)
            .param("tenant", caller.tenantId())
            .param("actor", caller.subject())
            .param("action", action)
            .param("target", target)
            .param("outcome", outcome)
            .param("status", httpStatus)
            .param("trace", currentTraceId())
            .param("ip", clientAddresses.clientIp(request))
            .update();
    }

    /**
     * Records what the platform itself did in a tenant, outside any request (a scheduled purge, say): no client IP.
     */
    public void recordSystem(String tenantId, String actor, String action, String target, String outcome) {
        jdbc.sql(INSERT)
            .param("tenant", tenantId)
            .param("actor", actor)
            .param("action", action)
            .param("target", target)
            .param("outcome", outcome)
            .param("status", null)
            .param("trace", currentTraceId())
            .param("ip", null)
            .update();
    }

    /** The tenant's events older than {@code before} (an event id), newest first. */
    List<AuditEvent> page(String tenantId, long before, int limit) {
        return jdbc.sql(PAGE)
            .param("tenant", tenantId)
            .param("before", before)
            .param("limit", limit)
            .query((rs, row) -> new AuditEvent(rs.getLong("id"), rs.getString("actor"), rs.getString("action"),
                    rs.getString("target"), rs.getString("outcome"), (Integer) rs.getObject("http_status"),
                    rs.getString("trace_id"), rs.getString("client_ip"),
                    rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
            .list();
    }

    private @Nullable String currentTraceId() {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        return span == null ? null : span.context().traceId();
    }

    record AuditEvent(long id, String actor, String action, String target, String outcome, @Nullable Integer httpStatus,
            @Nullable String traceId, @Nullable String clientIp, Instant createdAt) {
    }
}
