package org.supportrag.defaults.config;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceDefaultsEnvironmentPostProcessorTests {

    @Test
    void addsTheSharedDefaultsBelowEverythingElse() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addFirst(new MapPropertySource("app", Map.of("management.tracing.sampling.probability", "0.5")));
        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
        assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
    }

    @Test
    void staysQuietWithoutAnOtlpEndpoint() {
        StandardEnvironment environment = new StandardEnvironment();
        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isNull();
        assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
    }

    @Test
    void exportsTracesAndMetricsWhenAnEndpointIsConfigured() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addFirst(new MapPropertySource("env", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")));
        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
            .isEqualTo("http://collector:4318/v1/traces");
        assertThat(environment.getProperty("management.otlp.metrics.export.url"))
            .isEqualTo("http://collector:4318/v1/metrics");
        assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("true");
    }
}
