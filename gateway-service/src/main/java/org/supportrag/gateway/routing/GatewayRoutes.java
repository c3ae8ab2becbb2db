package org.supportrag.gateway.routing;

import java.net.URI;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.gateway.GatewayPaths;
import org.supportrag.gateway.GatewayProperties;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RequestPredicates.POST;
import static org.springframework.web.servlet.function.RequestPredicates.path;

/**
 * The public routes. Who may call which route is decided by the security chain; here each route is bound to its
 * backend and every proxied call carries an internal token for the authenticated caller instead of the client's
 * credentials. Responses, SSE included, stream through unbuffered.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    @Bean
    RouterFunction<ServerResponse> publicRoutes(GatewayProperties properties, InternalTokenService tokens,
            RemoteCalls remoteCalls) {
        RequestPredicate generation = POST(GatewayPaths.CHAT).or(POST(GatewayPaths.CHAT_COMPLETIONS))
            .or(GET(GatewayPaths.CONVERSATION))
            .or(GET(GatewayPaths.CONVERSATION_EVENTS))
            .or(POST(GatewayPaths.CONVERSATION_ESCALATE))
            .or(POST(GatewayPaths.AGENT_REPLIES))
            .or(GET(GatewayPaths.ESCALATIONS))
            .or(POST(GatewayPaths.ESCALATION_CLAIM))
            .or(POST(GatewayPaths.ESCALATION_RESOLVE))
            .or(path(GatewayPaths.PROMPTS))
            .or(path(GatewayPaths.BUDGETS))
            .or(path(GatewayPaths.GUARDRAILS))
            .or(GET(GatewayPaths.USAGE));
        RequestPredicate eval = POST(GatewayPaths.FEEDBACK).or(GET(GatewayPaths.LABELS))
            .or(POST(GatewayPaths.LABELS))
            .or(path(GatewayPaths.EVAL));
        return proxy("generation", generation, properties.generationUrl(), tokens, remoteCalls)
            .and(proxy("eval", eval, properties.evalUrl(), tokens, remoteCalls))
            .and(proxy("ingestion", path(GatewayPaths.KNOWLEDGE_BASES), properties.ingestionUrl(), tokens,
                    remoteCalls))
            .and(proxy("retrieval", POST(GatewayPaths.SEARCH), properties.retrievalUrl(), tokens, remoteCalls))
            .and(consolePage())
            // The admin and platform APIs and the console config are served by controllers here, which rank below these routes:
            // leave their paths to them. Anything else under /api or /v1 is not part of the API.
            .and(route("api-not-found")
                .route(path(GatewayPaths.API).or(path(GatewayPaths.OPENAI_API))
                    .and(path(GatewayPaths.ADMIN_API).negate())
                    .and(path(GatewayPaths.PLATFORM_API).negate()), request -> {
                        throw ApiProblemException.notFound("not-found", "Not found", "There is no API at this path.");
                    })
                .build());
    }

    private static RouterFunction<ServerResponse> proxy(String backend, RequestPredicate predicate, URI url,
            InternalTokenService tokens, RemoteCalls remoteCalls) {
        // onError runs innermost whatever the order: the guard reads the problems it makes of failed calls.
        return route(backend).route(predicate, http())
            .filter(ProxyGuard.of(backend, remoteCalls))
            .before(uri(url))
            .before(CallerRelay.relayCaller(tokens))
            .after((request, response) -> ProxyErrors.hideForeignServerErrors(backend, response))
            .onError(ProxyErrors::needsTranslation, (ex, request) -> ProxyErrors.fail(backend, ex))
            .build();
    }

    /** The agent console is a static page: serve its index for the directory URL. */
    private static RouterFunction<ServerResponse> consolePage() {
        Resource page = new ClassPathResource("static/console/index.html");
        return route("console").GET("/console", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(page))
            .GET("/console/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(page))
            .build();
    }

    /**
     * The proxy's HTTP client with per-route response timeouts (Spring Cloud Gateway's RestClient takes the
     * application's ClientHttpRequestFactory bean).
     */
    @Bean
    ClientHttpRequestFactory proxyRequestFactory(GatewayProperties properties) {
        return new RouteTimeouts(properties.connectTimeout(), properties.responseTimeout(),
                properties.streamingResponseTimeout());
    }

    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter(GatewayProperties properties) {
        var registration = new FilterRegistrationBean<>(new ConcurrencyLimitFilter(properties.maxConcurrentRequests()));
        registration.addUrlPatterns("/api/*", "/v1/*");
        // Before Spring Security: shedding load must cost nothing, not even a key lookup.
        registration.setOrder(-1000);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(GatewayProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestSize(), properties.maxUploadSize()));
        registration.addUrlPatterns("/api/*");
        // After Spring Security: a request without a valid key is refused before its size matters.
        registration.setOrder(0);
        return registration;
    }
}
