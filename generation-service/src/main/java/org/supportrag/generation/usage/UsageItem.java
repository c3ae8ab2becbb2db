package org.supportrag.generation.usage;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One billable unit of a turn.
 *
 * @param model the configured model name (e.g. {@code primary}); for embeddings and reranking the stage name
 * @param requestModel the provider's model name ({@code gen_ai.request.model})
 */
public record UsageItem(Operation operation, String model, String requestModel, Outcome outcome, int promptTokens,
        int completionTokens, BigDecimal costUsd) {

    public enum Operation {
        CHAT, EMBEDDING, RERANK, CACHE_SAVED;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Outcome {
        OK, FAILED, INTERRUPTED;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
