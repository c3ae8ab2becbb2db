package org.supportrag.gateway.oidc;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.gateway.apikeys.PlatformAccess;

/** A verified console access token as the caller the gateway vouches for downstream. */
public final class ConsoleUsers {

    public static final String TENANT = "tenant";
    public static final String ROLES = "roles";
    public static final String GROUPS = "groups";

    /** Roles a console user can hold; anything else in the claim (service, say) is ignored. */
    static final Set<String> CONSOLE_ROLES = Set.of(Roles.CUSTOMER, Roles.AGENT, Roles.ADMIN, Roles.OPS);

    private ConsoleUsers() {
    }

    /**
     * Subject: the e-mail address when the token has one (agents see it as the assignee), else {@code sub}. A token
     * without a tenant gives a caller without one, which every tenant-scoped check refuses.
     */
    @SuppressWarnings("NullAway")
    public static CallerIdentity caller(Jwt jwt) {
        String email = jwt.getClaimAsString("email");
        String subject = email != null && !email.isBlank() ? email : jwt.getSubject();
        Set<String> roles = new LinkedHashSet<>(strings(jwt.getClaim(ROLES)));
        roles.retainAll(CONSOLE_ROLES);
        String tenant = jwt.getClaimAsString(TENANT);
        if (PlatformAccess.TENANT.equals(tenant)) {
            // The operators' reserved tenant has no console: an admin there could revoke operator keys.
            roles.clear();
        }
        return new CallerIdentity(tenant, subject == null ? "unknown" : subject, roles,
                strings(jwt.getClaim(GROUPS)), null);
    }

    static Set<String> strings(@Nullable Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> values.add(String.valueOf(value)));
        }
        else if (claim instanceof String text && !text.isBlank()) {
            // Some providers put space-separated roles in one string.
            values.addAll(Set.of(text.strip().split("\\s+")));
        }
        return values;
    }
}
