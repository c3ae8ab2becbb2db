package org.supportrag.gateway.routing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import org.supportrag.gateway.GatewayPaths;

/**
 * The proxy's request factory, with a response timeout per kind of route: answers that stream or take an LLM's time
 * (chat, OpenAI-compatible chat, live events, uploads, evaluation runs) may stay silent up to the streaming timeout;
 * every other route must keep answering within the default one. Apache HttpClient's classic (blocking) client: the
 * request's own (virtual) thread does the socket I/O, with no hand-off to selector threads, which keeps the added
 * latency low on a busy machine. No transparent decompression (encodings pass through untouched), no retries, no
 * redirects; streams are never re-buffered.
 */
final class RouteTimeouts implements ClientHttpRequestFactory, DisposableBean {

    static final int MAX_CONNECTIONS = 2000;

    private static final List<PathPattern> STREAMING = List.of(PathPatternParser.defaultInstance.parse(GatewayPaths.CHAT),
            PathPatternParser.defaultInstance.parse(GatewayPaths.CHAT_COMPLETIONS),
            PathPatternParser.defaultInstance.parse(GatewayPaths.CONVERSATION_EVENTS),
            PathPatternParser.defaultInstance.parse(GatewayPaths.KNOWLEDGE_BASES),
            PathPatternParser.defaultInstance.parse(GatewayPaths.EVAL));

    private final CloseableHttpClient client;
    private final HttpComponentsClientHttpRequestFactory standard;
    private final HttpComponentsClientHttpRequestFactory streaming;

    RouteTimeouts(Duration connectTimeout, Duration defaultTimeout, Duration streamingTimeout) {
        this.client = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(connectTimeout))
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .build())
                .build())
            .disableContentCompression()
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .evictIdleConnections(TimeValue.ofSeconds(30))
            .build();
        this.standard = factory(client, defaultTimeout);
        this.streaming = factory(client, streamingTimeout);
    }

    private static HttpComponentsClientHttpRequestFactory factory(CloseableHttpClient client, Duration readTimeout) {
        HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(client);
        factory.setReadTimeout(readTimeout);
        return factory;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
        return (isStreaming(uri.getRawPath()) ? streaming : standard).createRequest(uri, httpMethod);
    }

    static boolean isStreaming(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return STREAMING.stream().anyMatch(pattern -> pattern.matches(container));
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
