package org.supportrag.gateway.apikeys;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import org.supportrag.defaults.security.CallerIdentity;

/**
 * A request authenticated at the gateway (API key, widget key or console sign-in). The principal is the
 * {@link CallerIdentity} the gateway vouches for downstream, so {@code CallerContext.current()} works in the gateway as
 * in every service.
 *
 * Rate limits tell callers apart by {@code widgetKey}, {@code apiKey} and {@code anonymous}: see
 * {@code ratelimit.Scope}.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final CallerIdentity caller;
    private final @Nullable String widgetKey;
    private final @Nullable String apiKey;
    private final boolean anonymous;

    /** A console sign-in. */
    public CallerAuthentication(CallerIdentity caller) {
        this(caller, null, null, false);
    }

    /**
     * @param widgetKey fingerprint of the widget key used; null for other callers
     * @param apiKey fingerprint of the secret API key used (it has a budget of its own); null for other callers
     * @param anonymous a widget key presented without {@code Origin} and without a signed visitor token: a caller
     *        from anywhere, held to the stricter anonymous limit
     */
    public CallerAuthentication(CallerIdentity caller, @Nullable String widgetKey, @Nullable String apiKey,
            boolean anonymous) {
        super(authorities(caller));
        this.caller = caller;
        this.widgetKey = widgetKey;
        this.apiKey = apiKey;
        this.anonymous = anonymous;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(CallerIdentity caller) {
        return caller.roles().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    @Override
    public CallerIdentity getPrincipal() {
        return caller;
    }

    public @Nullable String widgetKey() {
        return widgetKey;
    }

    public @Nullable String apiKey() {
        return apiKey;
    }

    public boolean anonymous() {
        return anonymous;
    }

    @Override
    public Object getCredentials() {
        // Keys and tokens are never kept past verification.
        return "";
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
