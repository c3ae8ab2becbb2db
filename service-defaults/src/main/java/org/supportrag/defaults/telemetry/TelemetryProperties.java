package org.supportrag.defaults.telemetry;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Metric labels, prefix {@code rag.telemetry}. The {@code tenant} label is bounded: tenants named here keep their
 * own value; without a list, the first {@code maxTenants} tenants seen by a process do; every other tenant is
 * folded into {@value TenantTags#OTHER}, so a platform with thousands of tenants keeps a bounded series count.
 *
 * @param tenants the tenants that get their own label value (empty: the first {@code maxTenants} seen)
 * @param maxTenants how many tenants get their own value when {@code tenants} is empty
 */
@ConfigurationProperties("rag.telemetry")
public record TelemetryProperties(@DefaultValue List<String> tenants, @DefaultValue("50") int maxTenants) {

    public TelemetryProperties {
        tenants = List.copyOf(tenants);
        if (maxTenants < 0) {
            throw new IllegalArgumentException("rag.telemetry.max-tenants must not be negative");
        }
    }
}
