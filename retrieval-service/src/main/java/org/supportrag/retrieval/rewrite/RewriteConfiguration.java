package org.supportrag.retrieval.rewrite;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.supportrag.retrieval.RetrievalProperties;

@Configuration(proxyBeanMethods = false)
class RewriteConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RewriteConfiguration.class);

    @Bean
    QueryRewriter queryRewriter(RetrievalProperties properties, ObjectProvider<ChatModel> chatModels) {
        RetrievalProperties.Rewrite settings = properties.rewrite();
        QueryRewriter offline = new OfflineQueryRewriter(settings.maxTurns());
        if (settings.provider() == RetrievalProperties.RewriteProvider.LLM) {
            ChatModel chat = chatModels.getIfAvailable();
            if (chat != null) {
                return new ChatModelQueryRewriter(chat, offline, settings.timeout(), settings.maxTurns());
            }
            log.warn("rag.retrieval.rewrite.provider is llm but no chat model is configured "
                    + "(spring.ai.model.chat); rewriting offline");
        }
        return offline;
    }
}
