package org.supportrag.gateway.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The tenant rate limits API for the tenant settings page: the same reads, validation and audit as
 * {@code /api/v1/admin/tenants/{tenant}/limits}, without a second copy of them.
 */
@Component
public class TenantLimitsAccess {

    private final TenantLimitsController limits;

    TenantLimitsAccess(TenantLimitsController limits) {
        this.limits = limits;
    }

    /** The tenant's effective limits; a tenant other than the caller's is a 404 problem. */
    public Object get(String tenant) {
        return limits.get(tenant);
    }

    /** Replaces the tenant's limits from a JSON body (400 problem when invalid), audited; effective at once. */
    public Object put(String tenant, byte[] body, HttpServletRequest request) {
        return limits.put(tenant, body, request);
    }
}
