package org.supportrag.defaults.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/**
 * How a {@link CallerIdentity} travels in the internal token: written by {@link InternalTokenService}, read back by
 * every service, so the claim names have one owner.
 */
final class InternalClaims {

    /** Always present (the decoder refuses a token without it). */
    static final String TENANT = "tenant";
    static final String ROLES = "roles";
    static final String GROUPS = "groups";
    /** Only for a verified widget end user. */
    static final String CUSTOMER = "customer";

    private InternalClaims() {
    }

    /** Adds the caller's subject and claims to a token being minted. */
    static JwtClaimsSet.Builder write(CallerIdentity caller, JwtClaimsSet.Builder claims) {
        claims.subject(caller.subject())
            .claim(TENANT, caller.tenantId())
            .claim(ROLES, List.copyOf(caller.roles()))
            .claim(GROUPS, List.copyOf(caller.groups()));
        if (caller.customerId() != null) {
            claims.claim(CUSTOMER, caller.customerId());
        }
        return claims;
    }

    /** The caller a verified token was minted for. */
    static CallerIdentity read(Jwt jwt) {
        String tenant = jwt.getClaimAsString(TENANT);
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("internal token without tenant");
        }
        return new CallerIdentity(tenant, Objects.requireNonNullElse(jwt.getSubject(), "unknown"),
                strings(jwt.getClaim(ROLES)), strings(jwt.getClaim(GROUPS)), jwt.getClaimAsString(CUSTOMER));
    }

    private static Set<String> strings(@Nullable Object claim) {
        if (claim instanceof Collection<?> values) {
            Set<String> result = new LinkedHashSet<>();
            values.forEach(value -> result.add(String.valueOf(value)));
            return result;
        }
        return claim == null ? Set.of() : Set.copyOf(List.of(String.valueOf(claim)));
    }
}
