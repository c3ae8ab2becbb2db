package org.supportrag.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import org.supportrag.defaults.problem.ProblemResponses;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.Roles;
import org.supportrag.gateway.GatewayPaths;
import org.supportrag.gateway.keys.ApiKeyStore;
import org.supportrag.gateway.ratelimit.ClientAddresses;
import org.supportrag.gateway.ratelimit.RateLimiter;

/**
 * The public security boundary. Replaces the shared internal-token chain (which backs off when this one exists):
 * clients authenticate with API keys, never with internal tokens, and there are no sessions or cookies.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    /** Our pages and the widget load nothing from elsewhere; inline script and style are never needed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain gatewaySecurityFilterChain(HttpSecurity http, ApiKeyStore keys, RateLimiter rateLimiter,
            ClientAddresses clientAddresses) throws Exception {
        http.csrf(csrf -> csrf.disable())
            .cors(cors -> cors.disable())
            .httpBasic(basic -> basic.disable())
            .formLogin(form -> form.disable())
            .logout(logout -> logout.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
            .authorizeHttpRequests(requests -> requests.requestMatchers(GatewayPaths.WIDGET)
                .hasRole(Roles.CUSTOMER)
                .requestMatchers(GatewayPaths.ADMIN)
                .hasRole(Roles.ADMIN)
                .requestMatchers(GatewayPaths.METRICS)
                .hasAnyRole(Roles.OPS, Roles.ADMIN)
                // Static pages, health and unknown paths: open, unknown paths answer 404.
                .anyRequest()
                .permitAll())
            .exceptionHandling(handling -> handling
                .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response,
                        HttpStatus.UNAUTHORIZED, ApiKeyAuthenticationFilter.INVALID_API_KEY, "Invalid API key",
                        "A valid API key is required in the X-Api-Key header.", request.getRequestURI()))
                .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response, HttpStatus.FORBIDDEN,
                        ProblemTypes.FORBIDDEN, "Forbidden", "This API key may not call this endpoint.",
                        request.getRequestURI())))
            .addFilterBefore(new ApiKeyAuthenticationFilter(keys, rateLimiter, clientAddresses),
                    AnonymousAuthenticationFilter.class);
        return http.build();
    }
}
