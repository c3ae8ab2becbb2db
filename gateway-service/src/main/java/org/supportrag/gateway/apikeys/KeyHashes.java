package org.supportrag.gateway.apikeys;

import java.security.SecureRandom;
import java.util.Base64;

import org.apache.commons.codec.digest.DigestUtils;

/** Keys are stored as SHA-256 hex digests only, so a database leak does not leak usable keys. */
public final class KeyHashes {

    /** Hex characters of the hash that name a key in subjects and logs: enough to tell keys apart, useless to attack. */
    static final int FINGERPRINT_LENGTH = 12;

    /** Random bytes in a new key: 256 bits. */
    static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyHashes() {
    }

    /** A new random key: the prefix (which marks our keys for secret scanners) and 256 bits, base64url. */
    public static String newKey(String prefix) {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String key) {
        return DigestUtils.sha256Hex(key);
    }

    static String fingerprint(String keyHash) {
        return keyHash.substring(0, FINGERPRINT_LENGTH);
    }
}
