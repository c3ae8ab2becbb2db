package org.supportrag.defaults.embedding;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddingAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EmbeddingAutoConfiguration.class))
        .withPropertyValues("rag.embedding.threads=1");

    @Test
    void embedsWithTheBundledOnnxModelByDefault() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(OnnxEmbeddingModel.class).hasSingleBean(TokenCounter.class);
            TextEmbedder embedder = context.getBean(TextEmbedder.class);

            assertThat(embedder.modelId()).isEqualTo("bge-small-en-v1.5-q");
            assertThat(embedder.embedQuery("reset my password")).hasSize(384);
            assertThat(embedder.countTokens("reset my password")).isEqualTo(3);
        });
    }

    @Test
    void bindsEmbeddingProperties() {
        contextRunner
            .withPropertyValues("rag.embedding.batch-size=8", "rag.embedding.max-tokens=256",
                    "rag.embedding.query-instruction=", "rag.embedding.model-id=bge-custom")
            .run(context -> {
                EmbeddingProperties properties = context.getBean(EmbeddingProperties.class);

                assertThat(properties.provider()).isEqualTo(EmbeddingProperties.Provider.ONNX);
                assertThat(properties.batchSize()).isEqualTo(8);
                assertThat(properties.maxTokens()).isEqualTo(256);
                assertThat(properties.queryInstruction()).isEmpty();
                assertThat(properties.dimensions()).isEqualTo(384);
                assertThat(properties.threads()).isEqualTo(1);
                assertThat(context.getBean(TextEmbedder.class).modelId()).isEqualTo("bge-custom");
            });
    }

    @Test
    void closesTheOnnxSessionWithTheContext() {
        OnnxEmbeddingModel[] model = new OnnxEmbeddingModel[1];
        contextRunner.run(context -> model[0] = context.getBean(OnnxEmbeddingModel.class));

        assertThatIllegalStateException().isThrownBy(() -> model[0].embed("hello")).withMessageContaining("closed");
    }

    @Test
    void usesTheApplicationsSpringAiModelWhenConfigured() {
        contextRunner.withPropertyValues("rag.embedding.provider=spring-ai", "rag.embedding.dimensions=4")
            .withUserConfiguration(FourDimensionalModel.class)
            .run(context -> {
                assertThat(context).doesNotHaveBean(OnnxEmbeddingModel.class);

                float[] vector = context.getBean(TextEmbedder.class).embedQuery("abc");

                assertThat(vector[0]).isEqualTo(
                        (float) (EmbeddingProperties.DEFAULT_QUERY_INSTRUCTION.length() + "abc".length()));
            });
    }

    @Test
    void failsAtStartupWhenTheSpringAiProviderHasNoModel() {
        contextRunner.withPropertyValues("rag.embedding.provider=spring-ai")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("needs exactly one Spring AI EmbeddingModel bean"));
    }

    @Test
    void failsAtStartupOnAModelLocationThatDoesNotExist() {
        contextRunner.withPropertyValues("rag.embedding.model-uri=file:/nonexistent/model.onnx")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("rag.embedding.model-uri not found"));
    }

    @Configuration(proxyBeanMethods = false)
    static class FourDimensionalModel {

        @Bean
        DefaultTextEmbedderTests.RecordingModel recordingModel() {
            return new DefaultTextEmbedderTests.RecordingModel(4);
        }
    }
}
