package org.supportrag.gateway.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity provider console users sign in with. Outside the local profile console sign-in is off until
 * {@code issuer-uri} is set; in the local profile the gateway's built-in issuer is used instead.
 *
 * @param issuerUri the issuer every console token must name (env RAG_GATEWAY_OIDC_ISSUER_URI); its discovery document gives
 *        the JWKS unless {@code jwk-set-uri} is set
 * @param jwkSetUri the provider's JWKS URL (env RAG_GATEWAY_OIDC_JWK_SET_URI), optional
 * @param audience the audience every console token must name (env RAG_GATEWAY_OIDC_AUDIENCE)
 * @param clientId the console's public client id at the provider (env RAG_GATEWAY_OIDC_CLIENT_ID)
 * @param scopes the scopes the console asks for
 * @param clockSkew tolerated clock difference for expiry checks
 * @param claims where the provider's tokens carry the tenant, roles, groups and e-mail address
 * @param invitationTtl how long an invitation to a tenant can be accepted
 */
@ConfigurationProperties("rag.gateway.oidc")
public record OidcProperties(@Nullable URI issuerUri, @Nullable URI jwkSetUri, @DefaultValue("console") String audience,
        @DefaultValue("console") String clientId, @DefaultValue("openid profile email") String scopes,
        @DefaultValue("30s") Duration clockSkew, @DefaultValue Claims claims,
        @DefaultValue("7d") Duration invitationTtl) {

    public OidcProperties {
        // An empty environment variable means "not set".
        issuerUri = issuerUri == null || issuerUri.toString().isBlank() ? null : issuerUri;
        jwkSetUri = jwkSetUri == null || jwkSetUri.toString().isBlank() ? null : jwkSetUri;
    }

    /**
     * Claim names are paths: {@code realm_access.roles} reads {@code roles} inside the {@code realm_access} object
     * (Keycloak); {@code roles} and {@code tid} are Entra ID's app roles and directory id. An identity whose token
     * gives no tenant belongs to the tenant whose invitation it accepted, if any.
     *
     * @param tenant the claim naming the user's tenant; empty: tenants by invitation only
     * @param tenants when not empty, maps the tenant claim's values to tenant ids (an Entra {@code tid} GUID to
     *        {@code acme}, say); values not listed give no tenant
     * @param roles the claim with the user's roles
     * @param roleNames maps the provider's role names to console roles ({@code admin}, {@code agent}, {@code ops});
     *        names not listed are taken as they are, and anything that is not a console role is ignored
     * @param groups the claim with the user's document ACL groups
     * @param email the claim with the user's e-mail address, which invitations are matched on
     * @param requireVerifiedEmail accept an invitation only when the token's {@code email_verified} is true; turn
     *        off only for a provider whose address claim users cannot set themselves (a single Entra directory's
     *        {@code preferred_username}, say)
     */
    public record Claims(@DefaultValue("tenant") String tenant, @DefaultValue Map<String, String> tenants,
            @DefaultValue("roles") String roles, @DefaultValue Map<String, String> roleNames,
            @DefaultValue("groups") String groups, @DefaultValue("email") String email,
            @DefaultValue("true") boolean requireVerifiedEmail) {

        public Claims {
            tenants = Map.copyOf(tenants);
            roleNames = Map.copyOf(roleNames);
        }

        public static Claims defaults() {
            return new Claims("tenant", Map.of(), "roles", Map.of(), "groups", "email", true);
        }
    }
}
