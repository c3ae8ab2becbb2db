package org.supportrag.gateway.oidc;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.gateway.apikeys.PlatformAccess;

/**
 * A verified console access token as the caller the gateway vouches for downstream. Which tenant and roles: the
 * configured claims (mapped, see {@link OidcProperties.Claims}) when the token names a tenant, else the identity's
 * membership by invitation (accepted on its first sign-in), else none: the user is refused.
 */
@Component
public class ConsoleUsers {

    /** The claim names of the local profile's built-in issuer (the defaults of the configurable ones). */
    public static final String TENANT = "tenant";
    public static final String ROLES = "roles";
    public static final String GROUPS = "groups";

    /** Roles a console user can hold; anything else in the claim (service, say) is ignored. */
    static final Set<String> CONSOLE_ROLES = Set.of(Roles.CUSTOMER, Roles.AGENT, Roles.ADMIN, Roles.OPS);

    private final OidcProperties.Claims claims;
    private final ConsoleMembers members;

    ConsoleUsers(OidcProperties properties, ConsoleMembers members) {
        this.claims = properties.claims();
        this.members = members;
    }

    /**
     * Subject: the e-mail address when the token has one (agents see it as the assignee), else {@code sub}.
     *
     * @throws NotAMemberException when neither the token nor a membership gives the user a tenant
     */
    public CallerIdentity caller(Jwt jwt) {
        String email = text(claim(jwt.getClaims(), claims.email()));
        String sub = jwt.getSubject();
        String subject = email != null ? email : sub == null ? "unknown" : sub;
        Set<String> groups = strings(claim(jwt.getClaims(), claims.groups()));
        Optional<String> tenant = tenantOf(jwt.getClaims());
        if (tenant.isPresent()) {
            return caller(tenant.get(), subject, rolesOf(jwt.getClaims()), groups);
        }
        String issuer = jwt.getClaimAsString("iss");
        if (issuer == null || sub == null) {
            throw new NotAMemberException();
        }
        ConsoleMembers.Member member = members.find(issuer, sub)
            .or(() -> verifiedEmail(jwt, email).flatMap(address -> members.accept(issuer, sub, address)))
            .orElseThrow(NotAMemberException::new);
        return caller(member.tenantId(), subject, new LinkedHashSet<>(member.roles()), groups);
    }

    private static CallerIdentity caller(String tenant, String subject, Set<String> roles, Set<String> groups) {
        roles.retainAll(CONSOLE_ROLES);
        if (PlatformAccess.TENANT.equals(tenant)) {
            // The operators' reserved tenant has no console: an admin there could revoke operator keys.
            roles.clear();
        }
        return new CallerIdentity(tenant, subject, roles, groups, null);
    }

    /** The tenant the token's claim names, mapped when a mapping is configured. */
    Optional<String> tenantOf(Map<String, Object> token) {
        if (claims.tenant().isBlank()) {
            return Optional.empty();
        }
        String value = text(claim(token, claims.tenant()));
        if (value == null) {
            return Optional.empty();
        }
        return claims.tenants().isEmpty() ? Optional.of(value) : Optional.ofNullable(claims.tenants().get(value));
    }

    Set<String> rolesOf(Map<String, Object> token) {
        Set<String> roles = new LinkedHashSet<>();
        strings(claim(token, claims.roles())).forEach(role -> roles.add(claims.roleNames().getOrDefault(role, role)));
        return roles;
    }

    private Optional<String> verifiedEmail(Jwt jwt, @Nullable String email) {
        if (email == null) {
            return Optional.empty();
        }
        Object verified = jwt.getClaims().get("email_verified");
        boolean trusted = !claims.requireVerifiedEmail() || Boolean.TRUE.equals(verified) || "true".equals(verified);
        return trusted ? Optional.of(email) : Optional.empty();
    }

    /** The value at a dotted path ({@code realm_access.roles}); a top-level claim named with dots wins. */
    static @Nullable Object claim(Map<String, Object> token, String path) {
        if (path.isBlank()) {
            return null;
        }
        if (token.containsKey(path)) {
            return token.get(path);
        }
        Object current = token;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static @Nullable String text(@Nullable Object value) {
        return value instanceof String text && !text.isBlank() ? text.strip() : null;
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

    /** A signed-in identity that no claim and no accepted invitation makes a member of a tenant. */
    public static final class NotAMemberException extends AuthenticationException {

        NotAMemberException() {
            super("not a member of any tenant");
        }
    }
}
