package org.supportrag.retrieval.search;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.telemetry.TenantTags;

/**
 * {@code rag.retrieval.searches{tenant, mode, scope, evidence}}: searches by whether they found anything to answer
 * from ({@code found}) or nothing ({@code none}, a low-evidence search: the turn will decline or escalate). Scope
 * {@code all} is a search of the whole knowledge base (a customer's question), {@code filtered} one narrowed to some
 * document kinds or documents (e.g. generation's past-case search among tickets), whose empty results are no
 * knowledge gap. The series exist from a tenant's first search on, so a rate of zero reads as zero.
 */
@Component
@RequiredArgsConstructor
class SearchMetrics {

    static final String SEARCHES = "rag.retrieval.searches";

    private final MeterRegistry meters;
    private final TenantTags tenants;

    void searched(String tenantId, String mode, boolean filtered, List<SearchHit> results) {
        String tenant = tenants.of(tenantId);
        String scope = filtered ? "filtered" : "all";
        Counter found = counter(tenant, mode, scope, "found");
        Counter none = counter(tenant, mode, scope, "none");
        (results.isEmpty() ? none : found).increment();
    }

    private Counter counter(String tenant, String mode, String scope, String evidence) {
        return Counter.builder(SEARCHES)
            .description("Searches by whether they found evidence")
            .tags(TenantTags.TAG, tenant, "mode", mode, "scope", scope, "evidence", evidence)
            .register(meters);
    }
}
