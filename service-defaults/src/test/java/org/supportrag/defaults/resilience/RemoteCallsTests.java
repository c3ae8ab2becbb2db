package org.supportrag.defaults.resilience;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadMetricsAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import org.supportrag.defaults.config.ServiceDefaultsEnvironmentPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared guard with the shared configuration (service-defaults.properties, Resilience4j's auto-configuration and
 * metrics) against a real HTTP server that fails: the breaker opens and stops the calls, the caller gets a
 * {@link RestClientException} to degrade on, and only idempotent calls are retried.
 */
class RemoteCallsTests {

    final ApplicationContextRunner contexts = new ApplicationContextRunner()
        .withInitializer(context -> new ServiceDefaultsEnvironmentPostProcessor()
            .postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, RetryAutoConfiguration.class,
                BulkheadAutoConfiguration.class, CircuitBreakerMetricsAutoConfiguration.class,
                RetryMetricsAutoConfiguration.class, BulkheadMetricsAutoConfiguration.class,
                RemoteCallsAutoConfiguration.class));

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    volatile int status = 500;
    RestClient http;

    @BeforeEach
    void startFailingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                requests.incrementAndGet();
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).build();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void opensTheBreakerAfterRepeatedServerErrorsSoTheCallerDegradesWithoutWaitingForTheServer() {
        contexts.run(context -> {
            RemoteCall search = context.getBean(RemoteCalls.class).notRetried("search-test");

            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> search.call(this::post)).isInstanceOf(HttpServerErrorException.class);
            }

            assertThat(search.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThatThrownBy(() -> search.call(this::post)).isInstanceOf(RemoteCallRefusedException.class)
                .isInstanceOf(RestClientException.class)
                .hasMessageContaining("search-test");
            assertThat(requests).as("no request while the breaker is open").hasValue(4);
        });
    }

    @Test
    void neverRetriesACallThatIsNotIdempotent() {
        contexts.run(context -> {
            RemoteCall publish = context.getBean(RemoteCalls.class).notRetried("publish-test");

            assertThatThrownBy(() -> publish.call(this::post)).isInstanceOf(HttpServerErrorException.class);

            assertThat(requests).as("one POST, never repeated").hasValue(1);
        });
    }

    @Test
    void retriesAnIdempotentCallAfterAServerErrorButNeverAfterAClientError() {
        contexts.run(context -> {
            RemoteCall read = context.getBean(RemoteCalls.class).idempotent("read-test");

            assertThatThrownBy(() -> read.call(this::post)).isInstanceOf(HttpServerErrorException.class);
            assertThat(requests).as("the shared configuration's two attempts").hasValue(2);

            status = 404;
            requests.set(0);
            for (int i = 0; i < 6; i++) {
                assertThatThrownBy(() -> read.call(this::post)).isInstanceOf(HttpClientErrorException.class);
            }
            assertThat(requests).as("a 4xx is not retried").hasValue(6);
            assertThat(read.circuitBreaker().getState()).as("nor does it open the breaker")
                .isEqualTo(CircuitBreaker.State.CLOSED);
        });
    }

    @Test
    void publishesEachCallsBreakerBulkheadAndRetryMetricsTaggedWithTheCallName() {
        contexts.run(context -> {
            context.getBean(RemoteCalls.class).idempotent("metrics-test");
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "metrics-test").gauges())
                .isNotEmpty();
            assertThat(meters.find("resilience4j.bulkhead.available.concurrent.calls").tag("name", "metrics-test")
                .gauge()).isNotNull();
            assertThat(meters.find("resilience4j.retry.calls").tag("name", "metrics-test").meters()).isNotEmpty();
        });
    }

    @Test
    void refusesACallBeyondItsBulkheadAtOnce() {
        contexts.withPropertyValues("resilience4j.bulkhead.configs.slow-test.max-concurrent-calls=1")
            .run(context -> {
                RemoteCall slow = context.getBean(RemoteCalls.class).notRetried("slow-test");
                assertThatThrownBy(() -> slow.call(() -> slow.call(() -> "inner")))
                    .isInstanceOf(RemoteCallRefusedException.class)
                    .hasMessageContaining("too many concurrent calls");
            });
    }

    private String post() {
        return http.post().uri("/calls").contentType(MediaType.APPLICATION_JSON).body("{}").retrieve()
            .body(String.class);
    }
}
