package org.supportrag.defaults.resilience;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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

    /**
     * The JDK HTTP client with these timeouts (not following redirects), for a client built by hand: one that calls
     * several peers, or an API outside the platform.
     */
    public static ClientHttpRequestFactory jdkRequests(Duration connectTimeout, Duration readTimeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(connectTimeout).build());
        requests.setReadTimeout(readTimeout);
        return requests;
    }
}
