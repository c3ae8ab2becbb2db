package org.supportrag.generation.model;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.ExtractiveAnswerer;

@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

    @Bean
    ModelRegistry modelRegistry(ModelsProperties properties, GenerationProperties generation, Environment environment,
            ExtractiveAnswerer extractive, TokenCounter tokens, ResourceLoader resources) {
        return ModelRegistry.create(properties, generation, environment, extractive, tokens, resources);
    }
}
