package org.supportrag.retrieval.rewrite;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.defaults.testsupport.TestRemoteCalls;
import org.supportrag.retrieval.RetrievalProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** Which rewriter {@code rag.retrieval.rewrite.*} gives, and the settings that stop the service at startup. */
class RewriteConfigurationTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
        .withUserConfiguration(Settings.class, RewriteConfiguration.class)
        .withBean(RemoteCalls.class, TestRemoteCalls::create);

    @Test
    void rewritesOfflineWhenNothingIsConfigured() {
        contexts.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(QueryRewriter.class).name()).isEqualTo("offline");
        });
    }

    @Test
    void rewritesWithAnOpenAiCompatibleModelWithoutExposingAChatModelBean() {
        contexts.withPropertyValues("rag.retrieval.rewrite.provider=openai",
                "rag.retrieval.rewrite.base-url=http://127.0.0.1:9/v1", "rag.retrieval.rewrite.model=gpt-4o-mini")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(QueryRewriter.class)).isInstanceOf(ChatModelQueryRewriter.class);
                assertThat(context.getBean(QueryRewriter.class).name()).isEqualTo("llm");
                assertThat(context).doesNotHaveBean(ChatModel.class);
            });
    }

    @Test
    void rewritesWithOllama() {
        contexts.withPropertyValues("rag.retrieval.rewrite.provider=ollama",
                "rag.retrieval.rewrite.base-url=http://127.0.0.1:11434", "rag.retrieval.rewrite.model=llama3.2")
            .run(context -> assertThat(context.getBean(QueryRewriter.class).name()).isEqualTo("llm"));
    }

    @Test
    void failsAtStartupWhenAnLlmProviderHasNoBaseUrl() {
        contexts.withPropertyValues("rag.retrieval.rewrite.provider=openai", "rag.retrieval.rewrite.model=gpt-4o-mini")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessage("rag.retrieval.rewrite.base-url (RAG_RETRIEVAL_REWRITE_BASE_URL) is required for "
                        + "provider openai"));
    }

    @Test
    void failsAtStartupWhenAnLlmProviderHasNoModel() {
        contexts.withPropertyValues("rag.retrieval.rewrite.provider=ollama",
                "rag.retrieval.rewrite.base-url=http://127.0.0.1:11434", "rag.retrieval.rewrite.model= ")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessage("rag.retrieval.rewrite.model (RAG_RETRIEVAL_REWRITE_MODEL) is required for provider "
                        + "ollama"));
    }

    @Test
    void failsAtStartupWhenTheBaseUrlIsNotHttp() {
        contexts.withPropertyValues("rag.retrieval.rewrite.provider=openai",
                "rag.retrieval.rewrite.base-url=api.openai.com/v1", "rag.retrieval.rewrite.model=gpt-4o-mini")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("rag.retrieval.rewrite.base-url")
                .hasMessageContaining("must be an http or https URL"));
    }

    @Test
    void failsAtStartupOnATimeoutOrTurnCountThatIsNotPositive() {
        contexts.withPropertyValues("rag.retrieval.rewrite.timeout=0s")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("rag.retrieval.rewrite.timeout must be positive"));
        contexts.withPropertyValues("rag.retrieval.rewrite.max-turns=0")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("rag.retrieval.rewrite.max-turns must be positive"));
    }

    @Test
    void failsAtStartupOnTheRetiredLlmProviderValue() {
        contexts.withPropertyValues("rag.retrieval.rewrite.provider=llm")
            .run(context -> assertThat(context).getFailure()
                .cause()
                .hasMessageContaining("Failed to bind properties under 'rag.retrieval.rewrite.provider'"));
    }

    @Test
    void leavesTheTemperatureToTheProviderWhenItIsSetEmpty() {
        contexts.withPropertyValues("rag.retrieval.rewrite.temperature=0.3")
            .run(context -> assertThat(context.getBean(RetrievalProperties.class).rewrite().temperature())
                .isEqualTo(0.3));
        contexts.withPropertyValues("rag.retrieval.rewrite.temperature=")
            .run(context -> assertThat(context.getBean(RetrievalProperties.class).rewrite().temperature()).isNull());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RetrievalProperties.class)
    static class Settings {
    }
}
