package org.supportrag.defaults.testsupport;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** HTTP clients for tests that assert on error responses rather than catching exceptions. */
public final class TestHttp {

    private TestHttp() {
    }

    /** A client of {@code http://127.0.0.1:port} that hands back 4xx and 5xx responses instead of throwing. */
    public static RestClient lenientClient(int port) {
        return RestClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
            })
            .build();
    }
}
