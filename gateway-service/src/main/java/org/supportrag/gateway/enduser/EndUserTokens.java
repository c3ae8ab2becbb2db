package org.supportrag.gateway.enduser;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.gateway.GatewayProperties;

/**
 * Verifies {@code X-User-Token}: a JWT the customer's own site signs for its logged-in visitor, with the key the
 * tenant configured in {@code gateway.end_user_token_keys} (HS256 shared secret, or an RS256/ES256 public key or
 * JWKS URL). Only the configured algorithm is accepted (never {@code none}); an expiry is required.
 */
@Component
public class EndUserTokens {

    static final int MAX_TOKEN_LENGTH = 8192;
    static final int MAX_GROUPS = 50;
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final String LOOKUP = """
            SELECT algorithm, shared_secret, public_key_pem, jwks_url, issuer, audience
              FROM end_user_token_keys WHERE tenant_id = :tenant
            """;

    private final JdbcClient jdbc;
    private final LoadingCache<String, Optional<JwtDecoder>> decoders;
    private final DatabaseRetry retry;

    EndUserTokens(JdbcClient jdbc, GatewayProperties properties, DatabaseRetry retry) {
        this.jdbc = jdbc;
        this.retry = retry;
        this.decoders = Caffeine.newBuilder()
            .expireAfterWrite(properties.keyCacheTtl())
            .maximumSize(10_000)
            .build(this::load);
    }

    /** The verified end user, or an exception when the token is not valid for this tenant. */
    public EndUser verify(String tenantId, String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidEndUserTokenException("end-user token too long");
        }
        JwtDecoder decoder = decoders.get(tenantId)
            .orElseThrow(() -> new InvalidEndUserTokenException("tenant has no end-user token key"));
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        }
        catch (JwtException ex) {
            throw new InvalidEndUserTokenException("end-user token rejected: " + ex.getMessage(), ex);
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            throw new InvalidEndUserTokenException("end-user token without a usable sub");
        }
        return new EndUser(subject, groups(jwt.getClaim("groups")));
    }

    /** Forgets a tenant's cached key on this replica (after an admin changed it). */
    public void evict(String tenantId) {
        decoders.invalidate(tenantId);
    }

    private Optional<JwtDecoder> load(String tenantId) {
        return retry.call(() -> jdbc.sql(LOOKUP)
            .param("tenant", tenantId)
            .query((rs, row) -> decoder(rs.getString("algorithm"), rs.getString("shared_secret"),
                    rs.getString("public_key_pem"), rs.getString("jwks_url"), rs.getString("issuer"),
                    rs.getString("audience")))
            .optional());
    }

    static JwtDecoder decoder(String algorithm, @Nullable String secret, @Nullable String publicKeyPem,
            @Nullable String jwksUrl, @Nullable String issuer, @Nullable String audience) {
        NimbusJwtDecoder decoder = switch (algorithm) {
            case "HS256" -> NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(require(secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
            case "RS256" -> jwksUrl != null
                    ? NimbusJwtDecoder.withJwkSetUri(jwksUrl).jwsAlgorithm(SignatureAlgorithm.RS256).build()
                    : NimbusJwtDecoder.withPublicKey((RSAPublicKey) publicKey(require(publicKeyPem), "RSA"))
                        .signatureAlgorithm(SignatureAlgorithm.RS256)
                        .build();
            case "ES256" -> jwksUrl != null
                    ? NimbusJwtDecoder.withJwkSetUri(jwksUrl).jwsAlgorithm(SignatureAlgorithm.ES256).build()
                    : NimbusJwtDecoder
                        .withJwkSource(new ImmutableJWKSet<>(new JWKSet(
                                new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey(require(publicKeyPem), "EC"))
                                    .build())))
                        .jwsAlgorithm(SignatureAlgorithm.ES256)
                        .build();
            default -> throw new IllegalStateException("unsupported end-user token algorithm " + algorithm);
        };
        decoder.setJwtValidator(validator(issuer, audience));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> validator(@Nullable String issuer, @Nullable String audience) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setAllowEmptyExpiryClaim(false);
        validators.add(timestamps);
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null));
        if (issuer != null) {
            validators.add(new JwtClaimValidator<Object>(JwtClaimNames.ISS, iss -> issuer.equals(String.valueOf(iss))));
        }
        if (audience != null) {
            validators.add(new JwtClaimValidator<Object>(JwtClaimNames.AUD,
                    aud -> aud instanceof Collection<?> values ? values.contains(audience) : audience.equals(aud)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static Set<String> groups(@Nullable Object claim) {
        Set<String> groups = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            values.stream().limit(MAX_GROUPS).forEach(value -> groups.add(String.valueOf(value)));
        }
        return groups;
    }

    private static String require(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("end-user token key incomplete");
        }
        return value;
    }

    static PublicKey publicKey(String pem, String algorithm) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (java.security.GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("invalid end-user token public key", ex);
        }
    }

}
