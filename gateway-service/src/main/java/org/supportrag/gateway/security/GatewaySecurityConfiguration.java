package org.supportrag.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.supportrag.defaults.problem.ProblemResponses;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.gateway.GatewayPaths;
import org.supportrag.gateway.apikeys.ApiKeyAuthentication;
import org.supportrag.gateway.apikeys.CallerAuthentication;
import org.supportrag.gateway.apikeys.PlatformAccess;
import org.supportrag.gateway.clientip.ClientAddresses;
import org.supportrag.gateway.oidc.ConsoleSignIn;
import org.supportrag.gateway.oidc.ConsoleUsers;
import org.supportrag.gateway.oidc.OidcProperties;
import org.supportrag.gateway.ratelimit.RateLimitDecision;
import org.supportrag.gateway.ratelimit.RateLimitFilter;
import org.supportrag.gateway.ratelimit.RateLimiter;
import org.supportrag.gateway.tenants.TenantStatus;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The public security boundary. Replaces the shared internal-token chain (which backs off when this one exists):
 * clients authenticate with API keys or, for console users, with OIDC access tokens, never with internal tokens;
 * there are no sessions or cookies here (the local issuer's sign-in has its own chain). Roles per route are enforced
 * here and again by each service.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    static final String INVALID_TOKEN = "invalid-token";

    /** Everything the gateway authenticates: the API, the OpenAI-compatible API and the metrics endpoint. */
    static final RequestMatcher API_PATHS = new OrRequestMatcher(pathPattern(GatewayPaths.API),
            pathPattern(GatewayPaths.OPENAI_API), pathPattern(GatewayPaths.METRICS));

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    SecurityFilterChain gatewaySecurityFilterChain(HttpSecurity http, ApiKeyAuthentication apiKeys,
            RateLimiter rateLimiter, ClientAddresses clientAddresses,
            ConsoleSignIn consoleSignIn, OidcProperties oidc, TenantStatus tenantStatus, ConsoleUsers consoleUsers)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
            .cors(cors -> cors.disable())
            .httpBasic(basic -> basic.disable())
            .formLogin(form -> form.disable())
            .logout(logout -> logout.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .headers(headers -> headers
                .addHeaderWriter(SecurityHeaders.contentSecurityPolicy(oidc.issuerUri()))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
            .authorizeHttpRequests(requests -> requests
                // customer (widget key)
                .requestMatchers(POST, GatewayPaths.CHAT, GatewayPaths.FEEDBACK, GatewayPaths.CONVERSATION_ESCALATE)
                .hasRole(Roles.CUSTOMER)
                .requestMatchers(GET, GatewayPaths.CONVERSATION_EVENTS)
                .hasRole(Roles.CUSTOMER)
                .requestMatchers(POST, GatewayPaths.CHAT_COMPLETIONS)
                .hasAnyRole(Roles.CUSTOMER, Roles.AGENT, Roles.ADMIN)
                // agent (admins too)
                .requestMatchers(POST, GatewayPaths.AGENT_REPLIES, GatewayPaths.ESCALATION_CLAIM,
                        GatewayPaths.ESCALATION_RESOLVE)
                .hasAnyRole(Roles.AGENT, Roles.ADMIN)
                .requestMatchers(GET, GatewayPaths.ESCALATIONS)
                .hasAnyRole(Roles.AGENT, Roles.ADMIN)
                .requestMatchers(GET, GatewayPaths.CONVERSATION)
                .hasAnyRole(Roles.CUSTOMER, Roles.AGENT, Roles.ADMIN)
                .requestMatchers(GatewayPaths.LABELS)
                .hasAnyRole(Roles.AGENT, Roles.ADMIN)
                // ops: read only
                .requestMatchers(GET, GatewayPaths.EVAL, GatewayPaths.USAGE)
                .hasAnyRole(Roles.OPS, Roles.ADMIN)
                .requestMatchers(GatewayPaths.METRICS)
                .hasAnyRole(Roles.OPS, Roles.ADMIN)
                // platform operator (tenants); the bootstrap credential may only bootstrap
                .requestMatchers(POST, GatewayPaths.PLATFORM_BOOTSTRAP)
                .hasRole(PlatformAccess.BOOTSTRAP)
                .requestMatchers(GatewayPaths.PLATFORM_API)
                .hasRole(PlatformAccess.OPERATOR)
                // admin
                .requestMatchers(GatewayPaths.KNOWLEDGE_BASES, GatewayPaths.PROMPTS, GatewayPaths.SEARCH,
                        GatewayPaths.EVAL, GatewayPaths.BUDGETS, GatewayPaths.GUARDRAILS, GatewayPaths.ADMIN_API)
                .hasRole(Roles.ADMIN)
                // Static pages, console config, health and unknown paths (404 problems): open.
                .anyRequest()
                .permitAll())
            .oauth2ResourceServer(server -> server.bearerTokenResolver(consoleBearerTokens())
                .jwt(jwt -> jwt.decoder(consoleSignIn.decoder()).jwtAuthenticationConverter(token -> {
                    CallerIdentity caller = consoleUsers.caller(token);
                    if (tenantStatus.refuses(caller.tenantId())) {
                        throw new TenantRefusedException();
                    }
                    return new CallerAuthentication(caller);
                }))
                .authenticationEntryPoint((request, response, ex) -> {
                    if (ex instanceof ConsoleUsers.NotAMemberException) {
                        ProblemResponses.write(response, HttpStatus.FORBIDDEN, ProblemTypes.of("not-a-member"),
                                "Not a member", "This identity belongs to no tenant: ask a tenant admin for an invitation.",
                                request.getRequestURI());
                        return;
                    }
                    if (ex instanceof TenantRefusedException) {
                        ProblemResponses.write(response, HttpStatus.FORBIDDEN, ProblemTypes.of("tenant-suspended"),
                                "Tenant suspended", "This user's tenant is suspended or deleted.",
                                request.getRequestURI());
                        return;
                    }
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                    ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, ProblemTypes.of(INVALID_TOKEN),
                            "Invalid token", "The bearer token is not valid here (signature, issuer, audience or expiry).",
                            request.getRequestURI());
                }))
            .exceptionHandling(handling -> handling
                .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response,
                        HttpStatus.UNAUTHORIZED, ApiKeyAuthentication.INVALID_API_KEY, "Invalid API key",
                        "A valid API key (X-Api-Key) or console sign-in (Authorization: Bearer) is required.",
                        request.getRequestURI()))
                .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response, HttpStatus.FORBIDDEN,
                        ProblemTypes.FORBIDDEN, "Forbidden", "This caller may not call this endpoint.",
                        request.getRequestURI())))
            .addFilterBefore(apiKeys.filter(API_PATHS, RateLimitDecision.HEADERS), BearerTokenAuthenticationFilter.class)
            .addFilterAfter(new RateLimitFilter(rateLimiter, clientAddresses), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** A console user of a suspended or deleted tenant: refused with its own problem, not as a bad token. */
    static final class TenantRefusedException extends AuthenticationException {

        TenantRefusedException() {
            super("tenant suspended or deleted");
        }
    }

    /**
     * Bearer JWTs on API paths are console sign-ins; other bearer values are API keys, and a request a key already
     * authenticated is not looked at again.
     */
    private static BearerTokenResolver consoleBearerTokens() {
        return request -> {
            if (!API_PATHS.matches(request) || request.getHeader(ApiKeyAuthentication.API_KEY_HEADER) != null) {
                return null;
            }
            Authentication existing = SecurityContextHolder.getContext().getAuthentication();
            if (existing instanceof CallerAuthentication) {
                return null;
            }
            String bearer = ApiKeyAuthentication.bearer(request);
            return bearer != null && ApiKeyAuthentication.looksLikeJwt(bearer) ? bearer : null;
        };
    }
}
