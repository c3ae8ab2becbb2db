package org.supportrag.generation.usage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Prices of the work around the LLM call, prefix {@code rag.generation.usage}. LLM prices are per model
 * ({@code rag.generation.models.<name>.*-price-per-million}).
 *
 * @param embeddingPricePerMillion USD per million tokens embedded for a query (0 for the in-process model; set it
 *                                 when embeddings come from a paid API)
 * @param rerankPricePerMillion USD per million tokens reranked (query plus candidate text per candidate)
 */
@ConfigurationProperties("rag.generation.usage")
public record UsageProperties(@DefaultValue("0") double embeddingPricePerMillion,
        @DefaultValue("0") double rerankPricePerMillion) {

    public UsageProperties {
        if (embeddingPricePerMillion < 0 || rerankPricePerMillion < 0) {
            throw new IllegalArgumentException("rag.generation.usage prices must not be negative");
        }
    }
}
