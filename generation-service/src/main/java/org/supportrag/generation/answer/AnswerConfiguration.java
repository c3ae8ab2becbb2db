package org.supportrag.generation.answer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.GenerationProperties;

/**
 * The offline answerer. The service's {@link Answerer} is the model chain (package {@code routing}), which answers
 * with the configured LLMs ({@code model} package) and falls back to this one.
 */
@Configuration(proxyBeanMethods = false)
class AnswerConfiguration {

    @Bean
    ExtractiveAnswerer extractiveAnswerer(TextEmbedder embedder, TokenCounter tokens,
            GenerationProperties properties) {
        return new ExtractiveAnswerer(embedder, tokens, properties.extractive());
    }
}
