package org.supportrag.gateway.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Keys are stored as SHA-256 hex digests only, so a database leak does not leak usable keys. */
public final class KeyHashes {

    /** Hex characters of the hash that name a key in subjects and logs: enough to tell keys apart, useless to attack. */
    static final int FINGERPRINT_LENGTH = 12;

    private KeyHashes() {
    }

    public static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    static String fingerprint(String keyHash) {
        return keyHash.substring(0, FINGERPRINT_LENGTH);
    }
}
