package org.supportrag.retrieval.rerank;

import java.util.Objects;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.retrieval.RetrievalProperties;

@Configuration(proxyBeanMethods = false)
class RerankConfiguration {

    @Bean
    Reranker reranker(RetrievalProperties properties, RemoteCalls remoteCalls) {
        RetrievalProperties.Rerank settings = properties.rerank();
        return switch (settings.provider()) {
            case NONE -> new KeepOrder();
            case OVERLAP -> new OverlapReranker(settings.weight());
            case TEI -> new HttpReranker(HttpReranker.Dialect.TEI, Objects.requireNonNull(settings.url()),
                    settings.apiKey(), settings.model(), settings.timeout(), remoteCalls.notRetried(HttpReranker.CALL));
            case COHERE -> new HttpReranker(HttpReranker.Dialect.COHERE, Objects.requireNonNull(settings.url()),
                    settings.apiKey(), settings.model(), settings.timeout(), remoteCalls.notRetried(HttpReranker.CALL));
        };
    }

    /** Reranking switched off: the fused order stands. */
    static final class KeepOrder implements Reranker {

        @Override
        public java.util.List<Ranked> rerank(String query, java.util.List<String> passages) {
            return java.util.stream.IntStream.range(0, passages.size())
                .mapToObj(i -> new Ranked(i, passages.size() - i))
                .toList();
        }

        @Override
        public String name() {
            return "none";
        }
    }
}
