package org.supportrag.gateway.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import org.supportrag.defaults.security.CallerIdentity;

/**
 * A request authenticated by an API key. The principal is the {@link CallerIdentity} the gateway vouches for
 * downstream, so {@code CallerContext.current()} works in the gateway as in every service.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final CallerIdentity caller;

    ApiKeyAuthentication(CallerIdentity caller) {
        super(authorities(caller));
        this.caller = caller;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(CallerIdentity caller) {
        return caller.roles().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    @Override
    public CallerIdentity getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        // The key itself is never kept past resolution.
        return "";
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
