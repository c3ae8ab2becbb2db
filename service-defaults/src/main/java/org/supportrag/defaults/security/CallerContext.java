package org.supportrag.defaults.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import org.supportrag.defaults.problem.ApiProblemException;

/** The verified caller of the current request, read from the internal token. */
public final class CallerContext {

    private CallerContext() {
    }

    public static Optional<CallerIdentity> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(InternalClaims.read(token.getToken()));
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
}
