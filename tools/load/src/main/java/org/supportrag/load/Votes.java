package org.supportrag.load;

import org.jspecify.annotations.Nullable;

/** When the load generator sends a vote again: the widget's rule (feedback.js), for the same outcome under faults. */
final class Votes {

    static final long FIRST_WAIT_MS = 1_000;

    static final long LONGEST_WAIT_MS = 30_000;

    private Votes() {
    }

    /** 502, 503, 504 (the gateway or eval is down or restarting) and 429 (wait and send again); any other is final. */
    static boolean retriable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The wait before re-send number {@code retries + 1}: 1 s doubling up to 30 s, with full jitter of the upper half
     * (so customers cut off together do not come back together), and never shorter than Retry-After in seconds.
     */
    static long backoffMillis(int retries, @Nullable String retryAfter, double random) {
        long ceiling = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS << Math.min(retries, 5));
        long wait = (long) (ceiling / 2 + random * ceiling / 2);
        long asked = 0;
        if (retryAfter != null) {
            try {
                asked = Long.parseLong(retryAfter.trim()) * 1000;
            }
            catch (NumberFormatException ex) {
                asked = 0; // an HTTP date: not sent by the gateway, the backoff alone
            }
        }
        return Math.max(wait, Math.min(asked, LONGEST_WAIT_MS * 4));
    }
}
