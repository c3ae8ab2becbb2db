package org.supportrag.generation.confidence;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.supportrag.defaults.embedding.TextEmbedder;

/** The answerability model with the service's embedding model. */
@Configuration(proxyBeanMethods = false)
class ConfidenceConfiguration {

    @Bean
    Answerability answerability(TextEmbedder embedder, ObjectProvider<MeterRegistry> meters) {
        Answerability answerability = new Answerability(embedder);
        meters.ifAvailable(answerability.embedder()::monitor);
        return answerability;
    }
}
