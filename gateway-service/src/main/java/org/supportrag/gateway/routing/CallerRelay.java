package org.supportrag.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;

/**
 * Before every proxied call: drops everything a client could use to claim an identity or carry its credentials
 * into the platform, then attaches a fresh internal token for the caller the gateway authenticated.
 */
final class CallerRelay {

    /** Credentials and browser context the backends must never see. */
    static final List<String> REMOVED_HEADERS = List.of(HttpHeaders.AUTHORIZATION, "X-Api-Key", HttpHeaders.COOKIE,
            HttpHeaders.ORIGIN, "Proxy-Authorization");

    /** Header name prefixes that look like identity assertions (lower case). */
    static final List<String> REMOVED_PREFIXES = List.of("x-internal-", "x-tenant", "x-user", "x-caller", "x-customer",
            "x-roles", "x-auth", "x-forwarded-user", "x-remote-user", "remote-user");

    private CallerRelay() {
    }

    static Function<ServerRequest, ServerRequest> relayCaller(InternalTokenService tokens) {
        return request -> {
            CallerIdentity caller = CallerContext.current();
            String token = tokens.mint(caller);
            return ServerRequest.from(request).headers(headers -> {
                sanitize(headers);
                headers.setBearerAuth(token);
            }).build();
        };
    }

    static void sanitize(HttpHeaders headers) {
        REMOVED_HEADERS.forEach(headers::remove);
        List.copyOf(headers.headerNames()).stream().filter(CallerRelay::identityLike).forEach(headers::remove);
    }

    private static boolean identityLike(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return REMOVED_PREFIXES.stream().anyMatch(lower::startsWith);
    }
}
