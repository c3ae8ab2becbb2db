package org.supportrag.generation.answer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.confidence.Answerability;
import org.supportrag.generation.confidence.ConfidenceProperties;

/**
 * The offline answerer. The service's {@link Answerer} is the model chain (package {@code routing}), which answers
 * with the configured LLMs ({@code model} package) and falls back to this one.
 */
@Configuration(proxyBeanMethods = false)
class AnswerConfiguration {

    @Bean
    ExtractiveAnswerer extractiveAnswerer(TokenCounter tokens, GenerationProperties properties,
            Answerability answerability, ConfidenceProperties confidence, ObjectProvider<PassagePrefetch> prefetch) {
        // The answerability model's cached embedder: both embed the turn's question and the sections it quotes.
        return new ExtractiveAnswerer(answerability.embedder(), tokens, properties.extractive(), answerability,
                confidence.declineBelow(), prefetch.getIfAvailable());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "rag.generation.extractive.prefetch.enabled", matchIfMissing = true)
    PassagePrefetch passagePrefetch(Answerability answerability, GenerationProperties properties) {
        GenerationProperties.Prefetch prefetch = properties.extractive().prefetch();
        return new PassagePrefetch(answerability.embedder(), prefetch.queue(), prefetch.pause());
    }
}
