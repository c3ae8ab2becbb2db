package org.supportrag.generation.confidence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.supportrag.defaults.embedding.TextEmbedder;

/** The answerability model with the service's embedding model. */
@Configuration(proxyBeanMethods = false)
class ConfidenceConfiguration {

    @Bean
    Answerability answerability(TextEmbedder embedder) {
        return new Answerability(embedder);
    }
}
