package org.supportrag.defaults.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Token usage of every model call ({@code gen_ai.client.token.usage} by token type) in services that use a Spring AI
 * chat model without its starter (retrieval's rewrite, evaluation's judge): Spring AI registers this handler only
 * through the starter's auto-configuration, so without it those calls had a timer but no token counts.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration" })
@ConditionalOnClass({ ChatModelMeterObservationHandler.class, MeterRegistry.class })
public class ModelCallMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean
    ChatModelMeterObservationHandler chatModelMeterObservationHandler(MeterRegistry meters) {
        return new ChatModelMeterObservationHandler(meters);
    }
}
