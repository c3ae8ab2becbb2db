package org.supportrag.ingestion.job;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.telemetry.TenantTags;

/**
 * Ingestion metrics: {@code rag.ingestion.jobs{tenant, source}} created, {@code rag.ingestion.job.items{tenant,
 * state}} finished ({@code dead} = dead-lettered after the last attempt), and {@code rag.ingestion.queue.depth{state}}
 * (items queued or running, shared by every replica: dashboards take the max).
 */
@Component
class IngestionMetrics {

    static final String JOBS = "rag.ingestion.jobs";
    static final String ITEMS = "rag.ingestion.job.items";
    static final String QUEUE_DEPTH = "rag.ingestion.queue.depth";
    private static final Set<String> SOURCES = Set.of("upload", "url", "folder", "archive", "connector");
    private static final Set<String> STATES = Set.of("done", "failed", "dead", "cancelled");

    private final MeterRegistry meters;
    private final TenantTags tenants;

    IngestionMetrics(MeterRegistry meters, TenantTags tenants, JdbcClient jdbc) {
        this.meters = meters;
        this.tenants = tenants;
        for (String state : Set.of("queued", "running")) {
            Gauge.builder(QUEUE_DEPTH, () -> depth(jdbc, state))
                .description("Ingestion job items waiting or being worked on")
                .tag("state", state)
                .register(meters);
        }
    }

    void jobCreated(String tenantId, String source) {
        Counter.builder(JOBS)
            .description("Ingestion jobs created")
            .tags(TenantTags.TAG, tenants.of(tenantId), "source", SOURCES.contains(source) ? source : "other")
            .register(meters)
            .increment();
    }

    void itemFinished(String tenantId, String state) {
        String tenant = tenants.of(tenantId);
        // The dead-letter series exists from the first finished item on: no dead letters reads as 0, not as no data.
        for (String known : STATES) {
            counter(tenant, known);
        }
        counter(tenant, STATES.contains(state) ? state : "other").increment();
    }

    private Counter counter(String tenant, String state) {
        return Counter.builder(ITEMS)
            .description("Job items finished by outcome")
            .tags(TenantTags.TAG, tenant, "state", state)
            .register(meters);
    }

    private static double depth(JdbcClient jdbc, String state) {
        try {
            return jdbc.sql("SELECT count(*) FROM ingestion.job_items WHERE state = ?")
                .param(state)
                .query(Long.class)
                .single();
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }
}
