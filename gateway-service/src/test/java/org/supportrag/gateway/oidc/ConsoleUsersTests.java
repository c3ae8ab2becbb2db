package org.supportrag.gateway.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import org.supportrag.defaults.security.CallerIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Console tokens, signed with an RSA key and verified like the provider's, mapped to callers. */
class ConsoleUsersTests {

    static final String ISSUER = "https://idp.example.test";
    static final RSAKey KEY = newKey();
    static final NimbusJwtDecoder DECODER = decoder();

    final ConsoleMembers members = mock(ConsoleMembers.class);

    @Test
    void aConsoleUserOfACustomerTenantKeepsTheConsoleRolesOfTheToken() {
        CallerIdentity caller = users(OidcProperties.Claims.defaults())
            .caller(token(Map.of("tenant", "acme", "roles", List.of("admin", "service", "platform-operator"))));

        assertThat(caller.tenantId()).isEqualTo("acme");
        assertThat(caller.roles()).containsExactly("admin");
    }

    @Test
    void aConsoleUserNamingTheOperatorsReservedTenantGetsNoRole() {
        CallerIdentity caller = users(OidcProperties.Claims.defaults())
            .caller(token(Map.of("tenant", "platform", "roles", List.of("admin", "platform-operator"))));

        assertThat(caller.roles()).isEmpty();
    }

    @Test
    void keycloakStyleRealmRolesAndGroupsAreReadFromTheirNestedClaims() {
        var claims = new OidcProperties.Claims("tenant", Map.of(), "realm_access.roles",
                Map.of("support-agent", "agent"), "groups", "email", true);

        CallerIdentity caller = users(claims).caller(token(Map.of("tenant", "acme", "email", "ann@acme.example",
                "realm_access", Map.of("roles", List.of("support-agent", "offline_access", "ops")),
                "groups", List.of("/support", "/billing"))));

        assertThat(caller.tenantId()).isEqualTo("acme");
        assertThat(caller.subject()).isEqualTo("ann@acme.example");
        assertThat(caller.roles()).containsExactlyInAnyOrder("agent", "ops");
        assertThat(caller.groups()).containsExactlyInAnyOrder("/support", "/billing");
    }

    @Test
    void entraStyleDirectoryIdsMapToTenantsAndAppRolesToConsoleRoles() {
        String directory = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        var claims = new OidcProperties.Claims("tid", Map.of(directory, "acme"), "roles",
                Map.of("Support.Admin", "admin", "Support.Agent", "agent"), "groups", "preferred_username", false);

        CallerIdentity caller = users(claims).caller(token(Map.of("tid", directory, "preferred_username",
                "ann@acme.example", "roles", List.of("Support.Admin", "Reader"))));

        assertThat(caller.tenantId()).isEqualTo("acme");
        assertThat(caller.roles()).containsExactly("admin");
    }

    @Test
    void aDirectoryThatIsNotMappedGivesNoTenantAndWithoutAnInvitationTheUserIsRefused() {
        var claims = new OidcProperties.Claims("tid", Map.of("known", "acme"), "roles", Map.of(), "groups", "email",
                true);
        when(members.find(ISSUER, "someone")).thenReturn(Optional.empty());

        assertThatThrownBy(() -> users(claims).caller(token(Map.of("tid", "unknown", "roles", List.of("admin")))))
            .isInstanceOf(ConsoleUsers.NotAMemberException.class);
    }

    @Test
    void aUserWithoutATenantClaimBelongsToTheTenantOfTheirMembership() {
        when(members.find(ISSUER, "someone")).thenReturn(Optional.of(new ConsoleMembers.Member(UUID.randomUUID(),
                "acme", ISSUER, "someone", "ann@acme.example", List.of("agent"), Instant.now())));

        CallerIdentity caller = users(OidcProperties.Claims.defaults())
            .caller(token(Map.of("email", "ann@acme.example", "roles", List.of("admin"))));

        assertThat(caller.tenantId()).isEqualTo("acme");
        assertThat(caller.roles()).as("the membership's roles, not the token's").containsExactly("agent");
    }

    @Test
    void anInvitationIsAcceptedOnlyWithAVerifiedAddress() {
        when(members.find(anyString(), anyString())).thenReturn(Optional.empty());
        when(members.accept(ISSUER, "someone", "ann@acme.example")).thenReturn(Optional.of(new ConsoleMembers.Member(
                UUID.randomUUID(), "acme", ISSUER, "someone", "ann@acme.example", List.of("admin"), Instant.now())));
        ConsoleUsers users = users(OidcProperties.Claims.defaults());

        assertThatThrownBy(() -> users.caller(token(Map.of("email", "ann@acme.example", "email_verified", false))))
            .isInstanceOf(ConsoleUsers.NotAMemberException.class);
        CallerIdentity caller = users.caller(token(Map.of("email", "ann@acme.example", "email_verified", true)));

        assertThat(caller.tenantId()).isEqualTo("acme");
        verify(members).accept(ISSUER, "someone", "ann@acme.example");
    }

    private ConsoleUsers users(OidcProperties.Claims claims) {
        return new ConsoleUsers(new OidcProperties(null, null, "console", "console", "openid", Duration.ofSeconds(30),
                claims, Duration.ofDays(7)), members);
    }

    /** Signed with the test key and verified (signature, expiry) as the gateway verifies a provider's tokens. */
    private static Jwt token(Map<String, Object> extra) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
                .audience("console")
                .subject("someone")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
            extra.forEach(claims::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(KEY));
            return DECODER.decode(jwt.serialize());
        }
        catch (com.nimbusds.jose.JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test").generate();
        }
        catch (com.nimbusds.jose.JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static NimbusJwtDecoder decoder() {
        try {
            return NimbusJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
        }
        catch (com.nimbusds.jose.JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
