package org.supportrag.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The public gateway.
 *
 * @param publicBaseUrl the URL browsers reach the gateway at (env RAG_GATEWAY_PUBLIC_URL); its origin is always an
 *        allowed origin of the demo widget key
 * @param generationUrl generation service base URL
 * @param ingestionUrl ingestion service base URL
 * @param retrievalUrl retrieval service base URL; only the search API is routed, for admin API keys (evaluation)
 * @param evalUrl eval service base URL
 * @param maxRequestSize largest body accepted on API routes other than uploads
 * @param maxUploadSize largest body accepted on knowledge-base (upload) routes
 * @param keyCacheTtl how long a resolved (or unknown) API key is cached: the delay before a revocation bites
 * @param keyCacheSize how many key lookups are cached at most
 * @param connectTimeout connect timeout to backends (env RAG_GATEWAY_CONNECT_TIMEOUT)
 * @param responseTimeout time a backend has to start answering on ordinary routes (env RAG_GATEWAY_RESPONSE_TIMEOUT)
 * @param streamingResponseTimeout the same on chat, OpenAI-compatible chat, live events and uploads (env
 *        RAG_GATEWAY_STREAMING_RESPONSE_TIMEOUT); a started stream is never cut
 * @param maxConcurrentRequests API requests in flight on one replica before more are answered 503 (env
 *        RAG_GATEWAY_MAX_CONCURRENT_REQUESTS); live event streams do not count
 * @param trustedProxies addresses or CIDR ranges of reverse proxies in front of the gateway (env
 *        RAG_GATEWAY_TRUSTED_PROXIES); only when the socket peer is one of them is {@code X-Forwarded-For} read to
 *        find the client IP that rate limits count and the audit log keeps (empty: never)
 */
@ConfigurationProperties("rag.gateway")
public record GatewayProperties(@DefaultValue("http://localhost:8080") URI publicBaseUrl,
        @DefaultValue("http://127.0.0.1:8083") URI generationUrl, @DefaultValue("http://127.0.0.1:8081") URI ingestionUrl,
        @DefaultValue("http://127.0.0.1:8082") URI retrievalUrl, @DefaultValue("http://127.0.0.1:8084") URI evalUrl,
        @DefaultValue("64KB") DataSize maxRequestSize, @DefaultValue("60MB") DataSize maxUploadSize,
        @DefaultValue("30s") Duration keyCacheTtl, @DefaultValue("10000") long keyCacheSize,
        @DefaultValue("2s") Duration connectTimeout, @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("5m") Duration streamingResponseTimeout, @DefaultValue("1000") int maxConcurrentRequests,
        @DefaultValue List<String> trustedProxies) {

    public GatewayProperties {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** A cache that forgets like the key cache: {@link #keyCacheTtl()} after a write, beyond {@link #keyCacheSize()}. */
    public Caffeine<Object, Object> keyCache() {
        return Caffeine.newBuilder().expireAfterWrite(keyCacheTtl).maximumSize(keyCacheSize);
    }
}
