package org.supportrag.defaults.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalTokenTests {

    static final String SECRET = "unit-test-secret-0123456789abcdefghijklmnop";

    final InternalAuthProperties properties = new InternalAuthProperties(SECRET, "supportrag-internal",
            Duration.ofMinutes(2), Duration.ofSeconds(30));

    final JwtDecoder decoder = new InternalSecurityAutoConfiguration().internalJwtDecoder(properties);

    final CallerIdentity caller = new CallerIdentity("acme", "widget:1234", Set.of(Roles.CUSTOMER),
            Set.of("public", "vip"), "cust-42");

    @Test
    void aMintedTokenCarriesTheCallerToTheNextService() {
        String token = new InternalTokenService(properties, "gateway-service", Clock.systemUTC()).mint(caller);
        Jwt jwt = decoder.decode(token);
        assertThat(InternalClaims.read(jwt)).isEqualTo(caller);
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("gateway-service");
        assertThat(jwt.getExpiresAt()).isBefore(Instant.now().plus(Duration.ofMinutes(3)));
    }

    @Test
    void rejectsAnExpiredToken() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        String token = new InternalTokenService(properties, "gateway-service", past).mint(caller);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void rejectsATokenSignedWithAnotherSecret() {
        InternalAuthProperties other = new InternalAuthProperties("another-secret-0123456789abcdefghijklmnop",
                "supportrag-internal", Duration.ofMinutes(2), Duration.ofSeconds(30));
        String token = new InternalTokenService(other, "attacker", Clock.systemUTC()).mint(caller);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void rejectsATokenForAnotherAudience() {
        InternalAuthProperties elsewhere = new InternalAuthProperties(SECRET, "another-audience",
                Duration.ofMinutes(2), Duration.ofSeconds(30));
        String token = new InternalTokenService(elsewhere, "gateway-service", Clock.systemUTC()).mint(caller);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void rejectsAnUnsignedToken() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long exp = Instant.now().plusSeconds(60).getEpochSecond();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"x\",\"aud\":[\"supportrag-internal\"],\"tenant\":\"acme\","
                + "\"roles\":[\"admin\"],\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decoder.decode(header + "." + claims + ".")).isInstanceOf(JwtException.class);
    }

    @Test
    void rejectsATokenFromAnIssuerThatIsNotAPlatformService() {
        String token = new InternalTokenService(properties, "someone-else", Clock.systemUTC()).mint(caller);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void rejectsAnHs256TokenWithTheRightSecretButNoExpiry() throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"x\",\"iss\":\"gateway-service\","
                + "\"aud\":[\"supportrag-internal\"],\"tenant\":\"acme\",\"roles\":[\"admin\"]}")
            .getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = base64.encodeToString(
                mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> decoder.decode(header + "." + claims + "." + signature))
            .isInstanceOf(JwtException.class);
    }

    @Test
    void refusesToStartWithAShortSecret() {
        assertThatThrownBy(() -> new InternalAuthProperties("too-short", "a", Duration.ofMinutes(1), Duration.ZERO))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("RAG_INTERNAL_TOKEN_SECRET");
    }
}
