package org.supportrag.defaults.telemetry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The bounded tenant label for every service's metrics. */
@AutoConfiguration
@EnableConfigurationProperties(TelemetryProperties.class)
public class TelemetryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TenantTags tenantTags(TelemetryProperties properties) {
        return new TenantTags(properties);
    }
}
