package org.supportrag.defaults.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who a request acts for, as verified by the gateway and carried between services in the internal token. The
 * tenant and ACL groups always come from here, never from request bodies or client headers.
 *
 * @param tenantId the tenant every read and write is scoped to
 * @param subject the end user, agent, admin or service on whose behalf the call is made
 * @param roles coarse roles such as {@code customer}, {@code agent}, {@code admin}, {@code ops}, {@code service}
 * @param groups ACL groups the caller may read documents of
 * @param customerId the CRM customer id of a verified widget end user, when known
 */
public record CallerIdentity(String tenantId, String subject, Set<String> roles, Set<String> groups,
        @Nullable String customerId) {

    public CallerIdentity {
        roles = Set.copyOf(roles);
        groups = Set.copyOf(groups);
    }

    public static CallerIdentity service(String tenantId, String serviceName) {
        return new CallerIdentity(tenantId, serviceName, Set.of(Roles.SERVICE), Set.of(), null);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
