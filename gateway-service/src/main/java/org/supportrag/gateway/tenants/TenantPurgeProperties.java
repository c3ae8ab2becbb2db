package org.supportrag.gateway.tenants;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Purging a deleted tenant's data in the data services (ingestion, retrieval, generation, eval).
 *
 * @param retryInterval how often pending purges are retried (a purge also starts right after the deletion)
 * @param timeout time one service has to purge a tenant
 * @param finalPassAfter how long after the first complete pass every service is purged once more, to remove what
 *     jobs running at deletion time wrote after their service had confirmed (longer than any ingestion job runs)
 */
@ConfigurationProperties("rag.gateway.tenant-purge")
public record TenantPurgeProperties(@DefaultValue("1m") Duration retryInterval, @DefaultValue("2m") Duration timeout,
        @DefaultValue("30m") Duration finalPassAfter) {
}
