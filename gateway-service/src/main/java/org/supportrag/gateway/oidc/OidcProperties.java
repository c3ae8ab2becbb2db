package org.supportrag.gateway.oidc;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity provider console users sign in with. Outside the local profile console sign-in is off until
 * {@code issuer-uri} is set; in the local profile the gateway's built-in issuer is used instead.
 *
 * @param issuerUri the issuer every console token must name (env RAG_OIDC_ISSUER_URI); its discovery document gives
 *        the JWKS unless {@code jwk-set-uri} is set
 * @param jwkSetUri the provider's JWKS URL (env RAG_OIDC_JWK_SET_URI), optional
 * @param audience the audience every console token must name (env RAG_OIDC_AUDIENCE)
 * @param clientId the console's public client id at the provider (env RAG_OIDC_CLIENT_ID)
 * @param scopes the scopes the console asks for
 * @param clockSkew tolerated clock difference for expiry checks
 */
@ConfigurationProperties("rag.gateway.oidc")
public record OidcProperties(@Nullable URI issuerUri, @Nullable URI jwkSetUri, @DefaultValue("console") String audience,
        @DefaultValue("console") String clientId, @DefaultValue("openid profile email") String scopes,
        @DefaultValue("30s") Duration clockSkew) {

    public OidcProperties {
        // An empty environment variable means "not set".
        issuerUri = issuerUri == null || issuerUri.toString().isBlank() ? null : issuerUri;
        jwkSetUri = jwkSetUri == null || jwkSetUri.toString().isBlank() ? null : jwkSetUri;
    }
}
