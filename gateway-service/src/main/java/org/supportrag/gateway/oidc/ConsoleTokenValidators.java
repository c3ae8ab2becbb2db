package org.supportrag.gateway.oidc;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/** What every console access token must satisfy beyond its signature, whoever issued it. */
public final class ConsoleTokenValidators {

    private ConsoleTokenValidators() {
    }

    /**
     * Expiry required and not passed, issuer accepted, audience named. The tenant may come from a claim or from a
     * membership by invitation: {@link ConsoleUsers} decides.
     *
     * @param issuerAccepted decides on the {@code iss} claim (null when absent)
     */
    public static OAuth2TokenValidator<Jwt> of(Predicate<String> issuerAccepted, String audience, Duration clockSkew) {
        OAuth2TokenValidator<Jwt> expiry = new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null);
        OAuth2TokenValidator<Jwt> issuer = jwt -> {
            String iss = jwt.getClaimAsString(JwtClaimNames.ISS);
            return iss != null && issuerAccepted.test(iss) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong issuer", null));
        };
        OAuth2TokenValidator<Jwt> audienceNamed = new JwtClaimValidator<Object>(JwtClaimNames.AUD,
                aud -> aud instanceof Collection<?> values ? values.contains(audience) : audience.equals(aud));
        return new DelegatingOAuth2TokenValidator<>(
                List.of(new JwtTimestampValidator(clockSkew), expiry, issuer, audienceNamed));
    }
}
