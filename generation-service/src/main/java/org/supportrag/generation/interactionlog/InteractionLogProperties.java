package org.supportrag.generation.interactionlog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The interaction log, prefix {@code rag.generation.interaction-log}.
 *
 * @param enabled store every turn
 * @param retention how long rows are kept; older ones are purged
 * @param purgeInterval how often the purge runs (every replica may run it; it is idempotent)
 */
@ConfigurationProperties("rag.generation.interaction-log")
record InteractionLogProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval) {

    public InteractionLogProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("rag.generation.interaction-log.retention must be positive");
        }
    }
}
