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
            String normalized = normalizeOrigin(origin);
            return allowedOrigins.contains(normalized)
                    || allowedOrigins.stream().anyMatch(pattern -> matchesWildcard(pattern, normalized));
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

    /**
     * {@code scheme://*.domain[:port]} (only stored for keys that allow wildcards) matches the same scheme and port
     * on any subdomain of the domain, not the domain itself; the subdomain has no characters an origin host cannot.
     */
    static boolean matchesWildcard(String pattern, String origin) {
        int star = pattern.indexOf("://*.");
        if (star < 0) {
            return false;
        }
        String scheme = pattern.substring(0, star + 3);
        String suffix = pattern.substring(star + 4);
        if (!origin.startsWith(scheme) || !origin.endsWith(suffix) || origin.length() <= scheme.length() + suffix.length()) {
            return false;
        }
        String subdomain = origin.substring(scheme.length(), origin.length() - suffix.length());
        return subdomain.matches("[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?");
    }

    /** Origins compare as browsers send them: lower case, no trailing slash. */
    static String normalizeOrigin(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
