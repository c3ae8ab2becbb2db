package org.supportrag.gateway.routing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import org.supportrag.gateway.GatewayPaths;

/**
 * The proxy's request factory, with a response timeout per kind of route: answers that stream or take an LLM's time
 * (chat, OpenAI-compatible chat, live events, uploads, evaluation runs) may take up to the streaming timeout to start; every other
 * route must start answering within the default one. One HTTP/1.1 client for all (backends do not speak h2c), no
 * transparent decompression, so encodings pass through untouched and streams are never re-buffered. The timeout
 * bounds the time to the response headers; a started stream is not cut.
 */
final class RouteTimeouts implements ClientHttpRequestFactory {

    private static final List<PathPattern> STREAMING = List.of(PathPatternParser.defaultInstance.parse(GatewayPaths.CHAT),
            PathPatternParser.defaultInstance.parse(GatewayPaths.CHAT_COMPLETIONS),
            PathPatternParser.defaultInstance.parse(GatewayPaths.CONVERSATION_EVENTS),
            PathPatternParser.defaultInstance.parse(GatewayPaths.KNOWLEDGE_BASES),
            PathPatternParser.defaultInstance.parse(GatewayPaths.EVAL));

    private final JdkClientHttpRequestFactory standard;
    private final JdkClientHttpRequestFactory streaming;

    RouteTimeouts(Duration connectTimeout, Duration defaultTimeout, Duration streamingTimeout) {
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        this.standard = factory(client, defaultTimeout);
        this.streaming = factory(client, streamingTimeout);
    }

    private static JdkClientHttpRequestFactory factory(HttpClient client, Duration readTimeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(readTimeout);
        factory.enableCompression(false);
        return factory;
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
        return (isStreaming(uri.getRawPath()) ? streaming : standard).createRequest(uri, httpMethod);
    }

    static boolean isStreaming(String path) {
        var container = org.springframework.http.server.PathContainer.parsePath(path);
        return STREAMING.stream().anyMatch(pattern -> pattern.matches(container));
    }
}
