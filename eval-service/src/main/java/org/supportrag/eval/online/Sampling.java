package org.supportrag.eval.online;

import java.nio.ByteBuffer;
import java.util.UUID;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * Deterministic sampling: a turn is in a sample when the hash of (sample name, message id) falls below the rate, so
 * every replica and every rerun picks the same turns, and different samples pick independently.
 */
public final class Sampling {

    private Sampling() {
    }

    public static boolean selected(String sample, UUID messageId, double rate) {
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        byte[] digest = DigestUtils.sha256(sample + ":" + messageId);
        long bits = ByteBuffer.wrap(digest, 0, 8).getLong() >>> 11;
        return bits / (double) (1L << 53) < rate;
    }
}
