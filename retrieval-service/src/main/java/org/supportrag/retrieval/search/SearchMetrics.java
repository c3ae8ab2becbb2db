package org.supportrag.retrieval.search;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.telemetry.TenantTags;

/**
 * {@code rag.retrieval.searches{tenant, mode, evidence}}: searches by whether they found anything to answer from
 * ({@code found}) or nothing ({@code none}, a low-evidence search: the turn will decline or escalate). Both series
 * exist from a tenant's first search on, so a rate of zero reads as zero rather than as missing data.
 */
@Component
class SearchMetrics {

    static final String SEARCHES = "rag.retrieval.searches";

    private final MeterRegistry meters;
    private final TenantTags tenants;

    SearchMetrics(MeterRegistry meters, TenantTags tenants) {
        this.meters = meters;
        this.tenants = tenants;
    }

    void searched(String tenantId, String mode, List<SearchHit> results) {
        String tenant = tenants.of(tenantId);
        Counter found = counter(tenant, mode, "found");
        Counter none = counter(tenant, mode, "none");
        (results.isEmpty() ? none : found).increment();
    }

    private Counter counter(String tenant, String mode, String evidence) {
        return Counter.builder(SEARCHES)
            .description("Searches by whether they found evidence")
            .tags(TenantTags.TAG, tenant, "mode", mode, "evidence", evidence)
            .register(meters);
    }
}
