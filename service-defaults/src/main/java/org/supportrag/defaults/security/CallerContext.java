package org.supportrag.defaults.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import org.supportrag.defaults.problem.ApiProblemException;

/** The verified caller of the current request, read from the internal token. */
public final class CallerContext {

    private CallerContext() {
    }

    public static Optional<CallerIdentity> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(fromJwt(token.getToken()));
        }
        if (authentication != null && authentication.getPrincipal() instanceof CallerIdentity caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }

    public static CallerIdentity current() {
        return find().orElseThrow(() -> ApiProblemException.unauthorized("unauthorized", "Unauthorized",
                "This operation needs an authenticated caller."));
    }

    static CallerIdentity fromJwt(Jwt jwt) {
        String tenant = jwt.getClaimAsString(InternalTokenService.TENANT);
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("internal token without tenant");
        }
        return new CallerIdentity(tenant, Objects.requireNonNullElse(jwt.getSubject(), "unknown"),
                strings(jwt.getClaim(InternalTokenService.ROLES)),
                strings(jwt.getClaim(InternalTokenService.GROUPS)), jwt.getClaimAsString(InternalTokenService.CUSTOMER));
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
