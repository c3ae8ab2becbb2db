package org.supportrag.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

import org.supportrag.defaults.problem.ApiProblemException;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyErrorsTests {

    @Test
    void reportsAnUnreachableBackendAsServiceUnavailable() {
        assertProblem(ProxyErrors.translate("generation", new ResourceAccessException("I/O error",
                new ConnectException("Connection refused"))), 503, "upstream-unavailable");
    }

    @Test
    void reportsASlowBackendAsGatewayTimeout() {
        assertProblem(ProxyErrors.translate("generation", new ResourceAccessException("I/O error",
                new HttpTimeoutException("request timed out"))), 504, "upstream-timeout");
    }

    @Test
    void reportsABrokenExchangeAsBadGateway() {
        assertProblem(ProxyErrors.translate("generation", new ResourceAccessException("I/O error",
                new IOException("connection reset"))), 502, "upstream-unavailable");
    }

    @Test
    void reportsAStreamedBodyOverTheLimitAsTooLarge() {
        IOException wrapped = new IOException("upload failed", new RequestBodyTooLargeException(1024));
        assertProblem(ProxyErrors.translate("ingestion", new ResourceAccessException("I/O error", wrapped)), 413,
                "payload-too-large");
    }

    @Test
    void leavesUnrelatedFailuresAsTheyAre() {
        IllegalArgumentException failure = new IllegalArgumentException("bug");
        assertThat(ProxyErrors.translate("generation", failure)).isSameAs(failure);
    }

    private static void assertProblem(RuntimeException translated, int status, String slug) {
        assertThat(translated).isInstanceOfSatisfying(ApiProblemException.class, problem -> {
            assertThat(problem.getStatusCode().value()).isEqualTo(status);
            assertThat(problem.getBody().getType()).hasToString("urn:supportrag:problem:" + slug);
            assertThat(problem.getBody().getDetail()).doesNotContain("generation", "ingestion");
        });
    }
}
