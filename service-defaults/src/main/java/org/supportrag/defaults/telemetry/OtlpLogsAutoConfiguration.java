package org.supportrag.defaults.telemetry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Sends the service's logs over OTLP (with the trace and span ids of the current span) when an OTLP endpoint is
 * configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, which sets
 * {@code management.opentelemetry.logging.export.otlp.endpoint}): Spring Boot exports log records but ships no
 * Logback appender, so this adds OpenTelemetry's to the root logger. It sends what the console gets, at the same
 * levels: customer text is never logged at INFO.
 */
@AutoConfiguration(afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({ OpenTelemetryAppender.class, LoggerContext.class })
@ConditionalOnProperty("management.opentelemetry.logging.export.otlp.endpoint")
public class OtlpLogsAutoConfiguration {

    static final String APPENDER = "OTLP";

    @Bean
    @ConditionalOnBean(OpenTelemetry.class)
    SmartInitializingSingleton otlpLogAppender(OpenTelemetry openTelemetry) {
        return () -> {
            if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
                return;
            }
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root.getAppender(APPENDER) == null) {
                OpenTelemetryAppender appender = new OpenTelemetryAppender();
                appender.setName(APPENDER);
                appender.setContext(context);
                appender.setCaptureCodeAttributes(false);
                appender.start();
                root.addAppender(appender);
            }
            OpenTelemetryAppender.install(openTelemetry);
        };
    }
}
