package org.supportrag.retrieval.rewrite;

import java.util.Locale;

import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.retrieval.RetrievalProperties;

@Configuration(proxyBeanMethods = false)
class RewriteConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RewriteConfiguration.class);

    /** The chat model stays inside the rewriter: not a bean, so nothing else picks it up by type. */
    @Bean
    QueryRewriter queryRewriter(RetrievalProperties properties, ObjectProvider<ObservationRegistry> observations,
            RemoteCalls remoteCalls) {
        RetrievalProperties.Rewrite settings = properties.rewrite();
        OfflineQueryRewriter offline = new OfflineQueryRewriter(settings.maxTurns());
        if (settings.provider() == RetrievalProperties.RewriteProvider.OFFLINE) {
            return offline;
        }
        log.info("Query rewrite: {} model {} at {}, timeout {}", settings.provider().name().toLowerCase(Locale.ROOT),
                settings.model(), settings.baseUrl(), settings.timeout());
        return new ChatModelQueryRewriter(
                RewriteChatModels.create(settings, observations.getIfAvailable(() -> ObservationRegistry.NOOP)),
                offline, settings.timeout(), settings.maxTurns(),
                remoteCalls.notRetried(RewriteChatModels.NAME));
    }
}
