package org.supportrag.gateway.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitFilterTests {

    final ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(1);

    @Test
    void refusesARequestBeyondTheLimitWhileOneIsInFlightAndAdmitsAgainAfterwards() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/chat"), new MockHttpServletResponse(),
                        (request, response) -> {
                            inFlight.countDown();
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            }
                            catch (InterruptedException ex) {
                                Thread.currentThread().interrupt();
                            }
                        });
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = call("/api/v1/chat");
        MockHttpServletResponse events = call("/api/v1/conversations/c1/events");

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentAsString()).contains("urn:supportrag:problem:overloaded");
        assertThat(events.getStatus()).as("live event streams do not count").isEqualTo(200);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(call("/api/v1/chat").getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse call(String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", path), response, new MockFilterChain());
        return response;
    }
}
