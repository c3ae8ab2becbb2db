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
 * @param widgetKey fingerprint of the widget key used, for its rate limit; null for other callers
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final CallerIdentity caller;
    private final @Nullable String widgetKey;

    public CallerAuthentication(CallerIdentity caller, @Nullable String widgetKey) {
        super(authorities(caller));
        this.caller = caller;
        this.widgetKey = widgetKey;
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
