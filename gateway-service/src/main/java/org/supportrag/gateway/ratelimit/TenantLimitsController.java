package org.supportrag.gateway.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.gateway.AdminRequests;
import org.supportrag.gateway.GatewayPaths;
import org.supportrag.gateway.audit.AuditLog;

/**
 * A tenant's request rate limits, changeable at run time (role admin, own tenant only: another tenant's id is a 404,
 * as if it did not exist). Every replica applies a change within {@code overrides-cache-ttl}; this one at once.
 */
@RestController
@RequiredArgsConstructor
class TenantLimitsController {

    static final int MAX_LIMIT = 10_000_000;
    static final String TITLE = "Invalid limits";

    private static final String UPSERT = """
            INSERT INTO tenant_rate_limits (tenant_id, widget_key, tenant, client_ip, end_user, updated_at)
            VALUES (:tenant, :widgetKey, :tenantLimit, :clientIp, :endUser, now())
            ON CONFLICT (tenant_id) DO UPDATE
               SET widget_key = EXCLUDED.widget_key, tenant = EXCLUDED.tenant, client_ip = EXCLUDED.client_ip,
                   end_user = EXCLUDED.end_user, updated_at = now()
            """;

    private final TenantRateLimits limits;
    private final RateLimitProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog auditLog;
    /** Strict: tenantId or any other unknown property is refused, not ignored (mass assignment). */
    private final AdminRequests requests;

    @GetMapping(GatewayPaths.TENANT_LIMITS)
    TenantLimits get(@PathVariable String tenant) {
        CallerIdentity caller = AdminRequests.ownTenant(tenant);
        return view(limits.of(caller.tenantId()));
    }

    @PutMapping(path = GatewayPaths.TENANT_LIMITS, consumes = MediaType.APPLICATION_JSON_VALUE)
    TenantLimits put(@PathVariable String tenant, @RequestBody byte[] body, HttpServletRequest request) {
        CallerIdentity caller = AdminRequests.ownTenant(tenant);
        LimitsUpdate update = parse(body);
        transactions.executeWithoutResult(status -> {
            jdbc.sql(UPSERT)
                .param("tenant", caller.tenantId())
                .param("widgetKey", valid("widgetKey", update.widgetKey()))
                .param("tenantLimit", valid("tenant", update.tenant()))
                .param("clientIp", valid("clientIp", update.clientIp()))
                .param("endUser", valid("endUser", update.endUser()))
                .update();
            auditLog.record(caller, request, "tenant-limits.update", "tenant:" + caller.tenantId(), AuditLog.SUCCESS,
                    null);
        });
        limits.evict(caller.tenantId());
        return view(limits.of(caller.tenantId()));
    }

    private LimitsUpdate parse(byte[] body) {
        return requests.read(body, LimitsUpdate.class, TITLE,
                "The request body must be a JSON object of limits (whole numbers).",
                property -> "Only widgetKey, tenant, clientIp and endUser may be set.");
    }

    private static @Nullable Integer valid(String name, @Nullable Integer value) {
        if (value != null && (value < 1 || value > MAX_LIMIT)) {
            throw invalid(name + " must be between 1 and " + MAX_LIMIT + " (or null for the default).");
        }
        return value;
    }

    private static ApiProblemException invalid(String detail) {
        return AdminRequests.invalid(TITLE, detail);
    }

    private TenantLimits view(Limits effective) {
        return new TenantLimits(effective.widgetKey(), effective.tenant(), effective.clientIp(), effective.endUser(),
                properties.period().toSeconds());
    }

    /** Each limit in requests per {@code periodSeconds}; null (or absent) in an update restores the default. */
    record LimitsUpdate(@Nullable Integer widgetKey, @Nullable Integer tenant, @Nullable Integer clientIp,
            @Nullable Integer endUser) {
    }

    record TenantLimits(int widgetKey, int tenant, int clientIp, int endUser, long periodSeconds) {
    }
}
