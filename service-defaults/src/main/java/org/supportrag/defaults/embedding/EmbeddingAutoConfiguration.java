package org.supportrag.defaults.embedding;

import java.util.List;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Embedding beans for services that have the embedding dependencies: a {@link TextEmbedder} over the in-process ONNX
 * model ({@code rag.embedding.provider=onnx}, the default) or over the application's Spring AI
 * {@code EmbeddingModel} ({@code spring-ai}), and a {@link TokenCounter} using the bundled model's tokenizer.
 */
@AutoConfiguration
@ConditionalOnClass({ org.springframework.ai.embedding.EmbeddingModel.class, HuggingFaceTokenizer.class })
@EnableConfigurationProperties(EmbeddingProperties.class)
public class EmbeddingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TokenCounter tokenCounter(EmbeddingProperties properties, ResourceLoader resourceLoader) {
        return ModelTokenizer.load(ModelResources.resolve(properties.tokenizerUri(), resourceLoader, "tokenizer-uri"));
    }

    @Bean
    @ConditionalOnMissingBean
    TextEmbedder textEmbedder(EmbeddingProperties properties, TokenCounter tokenCounter,
            ObjectProvider<OnnxEmbeddingModel> onnxModel,
            ObjectProvider<org.springframework.ai.embedding.EmbeddingModel> models) {
        org.springframework.ai.embedding.EmbeddingModel model = switch (properties.provider()) {
            case ONNX -> {
                OnnxEmbeddingModel onnx = onnxModel.getIfAvailable();
                if (onnx == null) {
                    throw new IllegalStateException(
                            "rag.embedding.provider=onnx needs com.microsoft.onnxruntime:onnxruntime on the classpath");
                }
                yield onnx;
            }
            // Other Spring AI models may exist for other purposes only when they are not ambiguous.
            case SPRING_AI -> {
                List<org.springframework.ai.embedding.EmbeddingModel> candidates = models.orderedStream()
                    .filter(candidate -> !(candidate instanceof OnnxEmbeddingModel))
                    .toList();
                if (candidates.size() != 1) {
                    throw new IllegalStateException("rag.embedding.provider=spring-ai needs exactly one Spring AI "
                            + "EmbeddingModel bean (e.g. from spring-ai-starter-model-openai), found "
                            + candidates.size());
                }
                yield candidates.getFirst();
            }
        };
        return new DefaultTextEmbedder(model, tokenCounter, properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OrtSession.class)
    @ConditionalOnProperty(prefix = "rag.embedding", name = "provider", havingValue = "onnx", matchIfMissing = true)
    static class OnnxModelConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OnnxEmbeddingModel onnxEmbeddingModel(EmbeddingProperties properties, ResourceLoader resourceLoader) {
            return OnnxEmbeddingModel.load(properties, resourceLoader);
        }
    }
}
