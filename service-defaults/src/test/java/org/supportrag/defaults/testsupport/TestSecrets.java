package org.supportrag.defaults.testsupport;

/** The internal token secret tests configure their services with. */
public final class TestSecrets {

    public static final String INTERNAL_TOKEN_SECRET = "test-internal-token-secret-0123456789abcdef";

    private TestSecrets() {
    }
}
