package org.supportrag.gateway.apikeys;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** An API key that exists and is not revoked, with what it grants. */
sealed interface ResolvedKey {

    String tenantId();

    /** The first hex characters of the key's hash: names the key in subjects and logs without revealing it. */
    String fingerprint();

    /**
     * A public widget key: embedded in customer web pages, so it only grants the customer role, and only from the
     * origins it lists.
     */
    record Widget(String tenantId, String fingerprint, Set<String> allowedOrigins) implements ResolvedKey {

        public Widget {
            allowedOrigins = allowedOrigins.stream()
                .map(ResolvedKey::normalizeOrigin)
                .collect(Collectors.toUnmodifiableSet());
        }

        public boolean allowsOrigin(String origin) {
            return allowedOrigins.contains(normalizeOrigin(origin));
        }
    }

    /** A secret server-side key (admin tools, CI) with the roles stored for it. */
    record Admin(String tenantId, String fingerprint, String name, Set<String> roles) implements ResolvedKey {

        public Admin {
            roles = Set.copyOf(roles);
        }
    }

    /** A key of a suspended tenant: refused with its own problem, so the tenant knows why. */
    record Suspended(String tenantId, String fingerprint) implements ResolvedKey {
    }

    /** Origins compare as browsers send them: lower case, no trailing slash. */
    static String normalizeOrigin(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
