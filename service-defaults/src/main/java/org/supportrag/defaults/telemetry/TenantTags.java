package org.supportrag.defaults.telemetry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The {@code tenant} metric label: the tenant id when it is one of the configured (or first seen) tenants, else
 * {@value #OTHER}. Labels never carry users, conversations, messages or questions.
 */
public final class TenantTags {

    public static final String TAG = "tenant";
    public static final String OTHER = "other";

    private final Set<String> configured;
    private final int maxTenants;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public TenantTags(TelemetryProperties properties) {
        this.configured = Set.copyOf(properties.tenants());
        this.maxTenants = properties.maxTenants();
    }

    /** The label value for a tenant id. */
    public String of(@Nullable String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return OTHER;
        }
        if (!configured.isEmpty()) {
            return configured.contains(tenantId) ? tenantId : OTHER;
        }
        if (seen.contains(tenantId)) {
            return tenantId;
        }
        synchronized (seen) {
            if (seen.size() < maxTenants) {
                seen.add(tenantId);
                return tenantId;
            }
        }
        return seen.contains(tenantId) ? tenantId : OTHER;
    }
}
