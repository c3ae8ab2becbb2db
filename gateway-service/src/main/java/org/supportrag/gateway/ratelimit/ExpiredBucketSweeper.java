package org.supportrag.gateway.ratelimit;

import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes buckets that have refilled completely, so one-off client IPs do not pile up in the table. */
@Component
@RequiredArgsConstructor
class ExpiredBucketSweeper {

    static final int BATCH_SIZE = 1000;
    /** Bounds one sweep; whatever is left waits for the next one. */
    static final int MAX_BATCHES = 100;

    private static final Logger log = LoggerFactory.getLogger(ExpiredBucketSweeper.class);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    @Scheduled(initialDelayString = "${rag.gateway.rate-limits.cleanup-interval:5m}",
            fixedDelayString = "${rag.gateway.rate-limits.cleanup-interval:5m}")
    void sweep() {
        try {
            int removed = 0;
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                int count = buckets.removeExpired(BATCH_SIZE);
                removed += count;
                if (count < BATCH_SIZE) {
                    break;
                }
            }
            log.debug("Removed {} expired rate limit buckets", removed);
        }
        catch (RuntimeException ex) {
            // Every replica sweeps; a failed sweep only delays the cleanup until the next one.
            log.warn("Sweeping expired rate limit buckets failed: {}", ex.getMessage());
        }
    }
}
