package org.supportrag.defaults.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Mints the short-lived HS256 tokens that carry a {@link CallerIdentity} from one service to the next. */
public class InternalTokenService {

    private final InternalAuthProperties properties;
    private final String issuer;
    private final NimbusJwtEncoder encoder;
    private final Clock clock;

    public InternalTokenService(InternalAuthProperties properties, String issuer, Clock clock) {
        this.properties = properties;
        this.issuer = issuer;
        this.clock = clock;
        this.encoder = new NimbusJwtEncoder(
                new ImmutableSecret<>(new SecretKeySpec(properties.secretBytes(), "HmacSHA256")));
    }

    public String mint(CallerIdentity caller) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = InternalClaims.write(caller, JwtClaimsSet.builder()
            .id(UUID.randomUUID().toString())
            .issuer(issuer)
            .audience(List.of(properties.audience()))
            .issuedAt(now)
            .expiresAt(now.plus(properties.ttl())));
        return encoder
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).type("JWT").build(), claims.build()))
            .getTokenValue();
    }

    public String issuer() {
        return issuer;
    }
}
