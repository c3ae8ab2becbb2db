package org.supportrag.gateway.localissuer;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import org.supportrag.gateway.GatewayProperties;
import org.supportrag.gateway.oidc.ConsoleTokenValidators;
import org.supportrag.gateway.oidc.ConsoleUsers;
import org.supportrag.gateway.oidc.LocalConsoleSignIn;
import org.supportrag.gateway.oidc.OidcProperties;
import org.supportrag.gateway.security.SecurityHeaders;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The built-in OIDC issuer of the local profile (Spring Authorization Server): discovery, JWKS, authorization code +
 * PKCE for the public client {@code console}, a sign-in form at {@code /login} and the demo users. The issuer is the
 * origin the browser reached the gateway at. Signing keys live in memory: a restart signs everyone out.
 */
@Configuration(proxyBeanMethods = false)
@Profile(LocalIssuerConfiguration.PROFILE)
class LocalIssuerConfiguration {

    /** Never together with prod, even if both profiles are switched on by mistake. */
    static final String PROFILE = "local & !prod";
    static final String LOGIN = "/login";
    static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(30);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain localIssuerSecurityFilterChain(HttpSecurity http, LocalIssuer issuer,
            @Value("${rag.gateway.demo-users.password:}") String demoPassword) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(new OrRequestMatcher(authorizationServer.getEndpointsMatcher(), pathPattern(LOGIN)))
            .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
            .authorizeHttpRequests(requests -> requests.requestMatchers(LOGIN).permitAll().anyRequest().authenticated())
            .userDetailsService(DemoUsers.userDetailsService(demoPassword))
            .formLogin(form -> form.loginPage(LOGIN).defaultSuccessUrl("/console/", false).permitAll())
            // The userinfo endpoint takes the issuer's own access tokens.
            .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(issuer.decoder())))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
            .exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint(LOGIN), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    JWKSource<SecurityContext> localIssuerJwkSource() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        // No fixed issuer: it is the origin of each request, so localhost and 127.0.0.1 both work.
        return AuthorizationServerSettings.builder().build();
    }

    @Bean
    LocalIssuer localIssuer(JWKSource<SecurityContext> jwkSource, GatewayProperties gateway, OidcProperties oidc,
            Environment environment) {
        return new LocalIssuer(OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource), gateway, oidc, environment);
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(LocalIssuer issuer, OidcProperties oidc) {
        return new RegisteredClientRepository() {
            @Override
            public void save(RegisteredClient registeredClient) {
                throw new UnsupportedOperationException("the local issuer has one fixed client");
            }

            @Override
            public @Nullable RegisteredClient findById(String id) {
                return consoleClient(issuer, oidc).getId().equals(id) ? consoleClient(issuer, oidc) : null;
            }

            @Override
            public @Nullable RegisteredClient findByClientId(String clientId) {
                return oidc.clientId().equals(clientId) ? consoleClient(issuer, oidc) : null;
            }
        };
    }

    /** Public client (no secret), code flow with PKCE only, back to the console page of any origin the gateway has. */
    private static RegisteredClient consoleClient(LocalIssuer issuer, OidcProperties oidc) {
        return RegisteredClient.withId("console")
            .clientId(oidc.clientId())
            .clientName("SupportRAG console")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUris(uris -> issuer.origins().forEach(origin -> uris.add(origin + "/console/")))
            .postLogoutRedirectUris(uris -> issuer.origins().forEach(origin -> uris.add(origin + "/console/")))
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .scope(OidcScopes.EMAIL)
            .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_TTL).build())
            .build();
    }

    /** Tenant, roles, name and e-mail in access and ID tokens: the gateway and the console read them. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> demoUserClaims(OidcProperties oidc) {
        return context -> {
            boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean id = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!access && !id) {
                return;
            }
            Authentication principal = Objects.requireNonNull(context.getPrincipal(), "a token has a principal");
            String username = principal.getName();
            // Only the demo users exist here; anyone else would get no tenant and be refused by the gateway.
            DemoUsers.find(username).ifPresent(user -> {
                context.getClaims()
                    .claim(ConsoleUsers.TENANT, DemoUsers.TENANT)
                    .claim(ConsoleUsers.ROLES, user.roles())
                    .claim("name", user.name())
                    .claim("email", user.username());
                if (access) {
                    context.getClaims().audience(java.util.List.of(oidc.audience()));
                }
            });
        };
    }

    /** The issuer as a resource server sees it: tokens signed by its in-memory key, for its own origins. */
    static final class LocalIssuer implements LocalConsoleSignIn {

        private final JwtDecoder decoder;
        private final GatewayProperties gateway;
        private final Environment environment;

        LocalIssuer(JwtDecoder decoder, GatewayProperties gateway, OidcProperties oidc, Environment environment) {
            this.gateway = gateway;
            this.environment = environment;
            if (decoder instanceof NimbusJwtDecoder nimbus) {
                nimbus.setJwtValidator(
                        ConsoleTokenValidators.of(iss -> origins().contains(iss), oidc.audience(), oidc.clockSkew()));
            }
            this.decoder = decoder;
        }

        @Override
        public JwtDecoder decoder() {
            return decoder;
        }

        @Override
        public Optional<String> issuer(HttpServletRequest request) {
            // The same derivation the authorization server uses for the iss claim.
            return Optional.of(ServletUriComponentsBuilder.fromContextPath(request).replacePath(null).build().toUriString());
        }

        /** The public URL's origin and the loopback origins of the port actually listened on. */
        Set<String> origins() {
            Set<String> origins = new LinkedHashSet<>();
            URI publicUrl = gateway.publicBaseUrl();
            origins.add(publicUrl.getScheme() + "://" + publicUrl.getAuthority());
            String port = environment.getProperty("local.server.port");
            if (port != null) {
                origins.add("http://localhost:" + port);
                origins.add("http://127.0.0.1:" + port);
            }
            return origins;
        }
    }
}
