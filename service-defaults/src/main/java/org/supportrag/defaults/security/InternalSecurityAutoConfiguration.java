package org.supportrag.defaults.security;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.supportrag.defaults.problem.ProblemResponses;
import org.supportrag.defaults.problem.ProblemTypes;

/**
 * Internal trust: every service endpoint except health and metrics needs an internal token minted by the gateway
 * or a peer service; outgoing {@code RestClient} calls carry a fresh token for the current caller.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(InternalAuthProperties.class)
public class InternalSecurityAutoConfiguration {

    public static final String[] OPEN_PATHS = { "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/error" };

    @Bean
    @ConditionalOnMissingBean
    InternalTokenService internalTokenService(InternalAuthProperties properties, Environment environment) {
        return new InternalTokenService(properties, environment.getProperty("spring.application.name", "service"),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(name = "internalJwtDecoder")
    JwtDecoder internalJwtDecoder(InternalAuthProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
            .withSecretKey(new SecretKeySpec(properties.secretBytes(), "HmacSHA256"))
            .macAlgorithm(MacAlgorithm.HS256)
            .build();
        // Issuers are service names, not URLs: the default converter would try (and fail, throwing) to parse each
        // token's issuer as a URL on every request.
        decoder.setClaimSetConverter(
                MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, issuerAsText())));
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(properties.audience()));
        OAuth2TokenValidator<Jwt> tenant = new JwtClaimValidator<String>(InternalClaims.TENANT,
                value -> value != null && !value.isBlank());
        // Internal tokens are short-lived by design: one without an expiry was not minted by us.
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        OAuth2TokenValidator<Jwt> issuer = new JwtClaimValidator<Object>("iss",
                iss -> iss != null && properties.issuers().contains(String.valueOf(iss)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, audience, issuer, tenant));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain internalSecurityFilterChain(HttpSecurity http,
            @Qualifier("internalJwtDecoder") JwtDecoder internalJwtDecoder) throws Exception {
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .authorizeHttpRequests(requests -> requests.requestMatchers(OPEN_PATHS)
                .permitAll()
                .anyRequest()
                .authenticated())
            .oauth2ResourceServer(server -> server
                .jwt(jwt -> jwt.decoder(internalJwtDecoder).jwtAuthenticationConverter(InternalSecurityAutoConfiguration::authenticate))
                .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response,
                        HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                        "A valid internal token is required.", request.getRequestURI()))
                .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response,
                        HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                        "The caller may not perform this operation.", request.getRequestURI())))
            .exceptionHandling(handling -> handling
                .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response,
                        HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                        "A valid internal token is required.", request.getRequestURI())))
            .addFilterAfter(new TenantMdcFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    static JwtAuthenticationToken authenticate(Jwt jwt) {
        CallerIdentity caller = InternalClaims.read(jwt);
        List<GrantedAuthority> authorities = caller.roles()
            .stream()
            .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
            .toList();
        return new JwtAuthenticationToken(jwt, authorities, caller.subject());
    }

    @Bean
    RestClientCustomizer internalTokenRestClientCustomizer(InternalTokenService tokens) {
        return builder -> builder.requestInterceptor((request, body, execution) -> {
            if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                CallerContext.find()
                    .ifPresent(caller -> request.getHeaders().setBearerAuth(tokens.mint(caller)));
            }
            return execution.execute(request, body);
        });
    }

    @Bean
    WebMvcConfigurer callerIdentityArgumentResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerIdentityArgumentResolver());
            }
        };
    }

    /** Puts the tenant in the logging context so every log line of a request names it. */
    static final class TenantMdcFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var caller = CallerContext.find();
            caller.ifPresent(identity -> MDC.put("tenant", identity.tenantId()));
            try {
                chain.doFilter(request, response);
            }
            finally {
                MDC.remove("tenant");
            }
        }
    }

    @SuppressWarnings("NullAway") // a missing issuer stays missing
    private static Converter<Object, Object> issuerAsText() {
        return iss -> iss == null ? null : iss.toString();
    }
}
