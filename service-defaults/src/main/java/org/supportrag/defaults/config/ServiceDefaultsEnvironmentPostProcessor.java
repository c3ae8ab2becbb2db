package org.supportrag.defaults.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.util.StringUtils;

/**
 * Adds the shared service defaults as the lowest-precedence property source, so every service starts from
 * the same observability, error and database settings without copying configuration.
 */
public class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DEFAULTS = "supportrag-service-defaults";
    static final String OTLP = "supportrag-otlp-export";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources()
                .addLast(new ResourcePropertySource(DEFAULTS, new ClassPathResource("service-defaults.properties")));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        // OTLP export only when an endpoint is configured: quiet (no connection attempts) otherwise.
        String endpoint = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT",
                environment.getProperty("rag.otel.endpoint", ""));
        if (StringUtils.hasText(endpoint)) {
            String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
            Map<String, Object> otlp = new LinkedHashMap<>();
            otlp.put("management.opentelemetry.tracing.export.otlp.endpoint", base + "/v1/traces");
            otlp.put("management.otlp.metrics.export.enabled", "true");
            otlp.put("management.otlp.metrics.export.url", base + "/v1/metrics");
            // Logs too, with trace ids (the OpenTelemetry Logback appender, OtlpLogsAutoConfiguration).
            otlp.put("management.opentelemetry.logging.export.otlp.endpoint", base + "/v1/logs");
            environment.getPropertySources().addBefore(DEFAULTS, new MapPropertySource(OTLP, otlp));
        }
    }
}
