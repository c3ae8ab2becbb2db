package org.supportrag.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class CallerRelayTests {

    @Test
    void dropsClientCredentialsAndIdentityClaimsButKeepsOrdinaryHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Authorization", "Bearer forged");
        headers.add("x-api-key", "demo-widget-key");
        headers.add("Cookie", "session=1");
        headers.add("Origin", "http://localhost:8080");
        headers.add("X-Internal-Caller", "admin");
        headers.add("x-tenant-id", "other");
        headers.add("X-User-Roles", "admin");
        headers.add("X-Customer-Id", "c-1");
        headers.add("Accept", "text/event-stream");
        headers.add("Content-Type", "application/json");
        headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        headers.add("Last-Event-ID", "7");

        CallerRelay.sanitize(headers);

        assertThat(headers.headerNames()).containsExactlyInAnyOrder("Accept", "Content-Type", "traceparent",
                "Last-Event-ID");
    }
}
