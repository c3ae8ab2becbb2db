package org.supportrag.generation.answer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.supportrag.defaults.embedding.TextEmbedder;
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

    /** About 7 MB of vectors (384 floats each): a demo help center's sentences several times over. */
    private static final long PASSAGE_VECTORS = 4096;

    @Bean
    ExtractiveAnswerer extractiveAnswerer(TextEmbedder embedder, TokenCounter tokens,
            GenerationProperties properties, Answerability answerability, ConfidenceProperties confidence) {
        return new ExtractiveAnswerer(new CachingPassageEmbedder(embedder, PASSAGE_VECTORS), tokens,
                properties.extractive(), answerability,
                confidence.declineBelow());
    }
}
