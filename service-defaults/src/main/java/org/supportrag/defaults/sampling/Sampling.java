package org.supportrag.defaults.sampling;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Deterministic sampling: a turn is in a sample when the hash of (sample name, message id) falls below the rate, so
 * every replica and every rerun picks the same turns, and different samples pick independently. The producer of the
 * turns applies the same rule in SQL ({@link #sqlSelected}), so a sampler reads only its share of them.
 */
public final class Sampling {

    /** What a sample name may be: it is part of the hashed text and of query strings. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

    private Sampling() {
    }

    /**
     * {@link #selected} as a PostgreSQL condition on the given uuid column, with the named parameters {@code :sample}
     * and {@code :rate} (0 < rate <= 1): the top 53 bits of the first 8 bytes of SHA-256("sample:id") as a fraction
     * of 2^53, below the rate, in the same double arithmetic as Java's.
     */
    public static String sqlSelected(String uuidColumn) {
        return "((('x' || left(encode(sha256(convert_to(:sample || ':' || " + uuidColumn
                + "::text, 'UTF8')), 'hex'), 16))::bit(64) >> 11)::bigint::float8 / 9007199254740992::float8 < :rate)";
    }

    public static boolean selected(String sample, UUID messageId, double rate) {
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        byte[] digest = sha256(sample + ":" + messageId);
        long bits = ByteBuffer.wrap(digest, 0, 8).getLong() >>> 11;
        return bits / (double) (1L << 53) < rate;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK has SHA-256", ex);
        }
    }
}
