package org.supportrag.gateway.apikeys;

import java.net.URI;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.gateway.enduser.EndUserTokens;

/**
 * What the security chain needs of API keys: the filter that authenticates requests by key, and how a presented key
 * looks. Storing and resolving keys stays inside this package.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ApiKeyAuthentication {

    public static final String API_KEY_HEADER = "X-Api-Key";
    public static final URI INVALID_API_KEY = ProblemTypes.of("invalid-api-key");

    private static final String BEARER = "Bearer ";

    private final ApiKeyStore keys;
    private final AllowedOrigins allowedOrigins;
    private final EndUserTokens endUserTokens;

    /**
     * A new filter for the security chain (not a bean: it must run only there).
     * @param apiPaths the requests to authenticate
     * @param exposedHeaders response headers widget scripts on other origins may read
     */
    public Filter filter(RequestMatcher apiPaths, List<String> exposedHeaders) {
        return new ApiKeyAuthenticationFilter(keys, allowedOrigins, endUserTokens, apiPaths, exposedHeaders);
    }

    /** Forgets cached key grants on this replica after a change to many keys; other replicas follow within the TTL. */
    public void forgetCachedKeys() {
        keys.evictAll();
    }

    /** Forgets one key's cached grant on this replica, by the key's hash. */
    public void forgetCachedKey(String keyHash) {
        keys.evict(keyHash);
    }

    /** The value of an {@code Authorization: Bearer} header, or {@code null}. */
    public static @Nullable String bearer(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String bearer = authorization.substring(BEARER.length()).strip();
            return bearer.isEmpty() ? null : bearer;
        }
        return null;
    }

    /** Three dot-separated parts: a JWS (an unsigned JWT ends in a dot and is refused by the decoder). */
    public static boolean looksLikeJwt(String value) {
        int first = value.indexOf('.');
        return first > 0 && value.indexOf('.', first + 1) > first && value.chars().filter(c -> c == '.').count() == 2;
    }
}
