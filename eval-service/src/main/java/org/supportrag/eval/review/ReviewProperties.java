package org.supportrag.eval.review;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The review queue, prefix {@code rag.eval.review}.
 *
 * @param enabled sample on a schedule
 * @param sampleRate share of answered (not escalated) turns sent to agents (env RAG_EVAL_REVIEW_SAMPLE_RATE)
 * @param tenantRates per-tenant overrides of the rate
 * @param interval time between sampling runs
 * @param lookback how far back a tenant seen for the first time is sampled
 */
@ConfigurationProperties("rag.eval.review")
record ReviewProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.05") double sampleRate,
        @DefaultValue Map<String, Double> tenantRates, @DefaultValue("10m") Duration interval,
        @DefaultValue("24h") Duration lookback) {

    public ReviewProperties {
        if (sampleRate < 0 || sampleRate > 1 || tenantRates.values().stream().anyMatch(r -> r < 0 || r > 1)) {
            throw new IllegalArgumentException("rag.eval.review sample rates must be between 0 and 1");
        }
        tenantRates = Map.copyOf(tenantRates);
    }

    double rate(String tenant) {
        return tenantRates.getOrDefault(tenant, sampleRate);
    }
}
