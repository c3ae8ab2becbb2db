package org.supportrag.generation.answer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ResourceLoader;

import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.GenerationProperties;

/**
 * Picks the answerer from {@code rag.generation.provider}. Spring AI creates a {@code ChatModel} only for the
 * provider named there (see {@code spring.ai.model.chat} in application.yml), so offline nothing LLM-related exists.
 */
@Configuration(proxyBeanMethods = false)
class AnswerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AnswerConfiguration.class);

    static final String SYSTEM_PROMPT = "classpath:prompts/answer-system.st";
    static final String USER_PROMPT = "classpath:prompts/answer-user.st";

    @Bean
    ExtractiveAnswerer extractiveAnswerer(TextEmbedder embedder, TokenCounter tokens,
            GenerationProperties properties) {
        return new ExtractiveAnswerer(embedder, tokens, properties.extractive());
    }

    @Bean
    @Primary
    Answerer answerer(GenerationProperties properties, ExtractiveAnswerer extractive, TokenCounter tokens,
            ObjectProvider<ChatModel> chatModels, ObjectProvider<ChatClient.Builder> chatClients,
            ResourceLoader resources) {
        if (properties.provider() == GenerationProperties.Provider.OFFLINE) {
            log.info("Answering offline with the extractive answerer (set RAG_LLM_PROVIDER to use an LLM)");
            return extractive;
        }
        String provider = properties.provider().name().toLowerCase(java.util.Locale.ROOT);
        ChatModel chatModel = chatModels.getIfUnique();
        if (chatModel == null) {
            throw new IllegalStateException("rag.generation.provider=" + provider + " but Spring AI created no "
                    + "single ChatModel: check spring.ai.model.chat=" + provider + " and the provider's settings");
        }
        ChatOptions defaults = chatModel.getDefaultOptions();
        String model = defaults != null && defaults.getModel() != null ? defaults.getModel() : provider;
        log.info("Answering with {} model {}", provider, model);
        return new ChatClientAnswerer(chatClients.getObject().build(), extractive, tokens, properties.llm(), model,
                resources.getResource(SYSTEM_PROMPT), resources.getResource(USER_PROMPT));
    }
}
