package org.supportrag.eval.online;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Online scoring of live turns, prefix {@code rag.eval.online}.
 *
 * @param enabled score on a schedule
 * @param sampleRate share of turns scored (0..1, env RAG_EVAL_ONLINE_SAMPLE_RATE)
 * @param interval time between scoring runs (one replica at a time, under an advisory lock)
 * @param lookback how far back a tenant seen for the first time is scored
 * @param judge also ask the judge (when one is configured, within the tenant's daily judge budget)
 * @param gaugeWindow the window of the {@code rag_eval_online_score} gauges (mean of the scores in it)
 * @param tenants tenants always scored, besides those generation reports turns for
 * @param maxTurnsPerSecond turns scored per second at most (0: as fast as it goes): each one reads its conversation
 *        from generation, and 300 of them at once every 5 minutes took a burst of CPU from live chat turns
 */
@ConfigurationProperties("rag.eval.online")
record OnlineProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.1") double sampleRate,
        @DefaultValue("5m") Duration interval, @DefaultValue("1h") Duration lookback,
        @DefaultValue("true") boolean judge, @DefaultValue("24h") Duration gaugeWindow,
        @DefaultValue List<String> tenants, @DefaultValue("20") double maxTurnsPerSecond) {

    public OnlineProperties {
        if (sampleRate < 0 || sampleRate > 1) {
            throw new IllegalArgumentException("rag.eval.online.sample-rate must be between 0 and 1");
        }
        if (maxTurnsPerSecond < 0) {
            throw new IllegalArgumentException("rag.eval.online.max-turns-per-second must not be negative");
        }
        tenants = List.copyOf(tenants);
    }
}
