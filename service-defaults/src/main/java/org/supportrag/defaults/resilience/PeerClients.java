package org.supportrag.defaults.resilience;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/** The {@link RestClient} of one peer service: its base URL and its own connect and read timeouts. */
public final class PeerClients {

    private PeerClients() {
    }

    /**
     * @param builder the application's builder (pass a clone if the caller builds more clients from it)
     */
    public static RestClient create(RestClient.Builder builder, URI baseUrl, Duration connectTimeout,
            Duration readTimeout) {
        HttpClientSettings timeouts = HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout);
        return builder.baseUrl(baseUrl.toString())
            .requestFactory(ClientHttpRequestFactoryBuilder.detect().build(timeouts))
            .build();
    }
}
