package org.supportrag.generation.model;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.ExtractiveAnswerer;

@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

    @Bean
    ModelRegistry modelRegistry(GenerationProperties generation, ExtractiveAnswerer extractive, TokenCounter tokens,
            ResourceLoader resources, ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<MeterRegistry> meters) {
        // Model calls are observed (spans, gen_ai.* metrics) through the application's registries.
        return ModelRegistry.create(generation, extractive, tokens, resources,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
