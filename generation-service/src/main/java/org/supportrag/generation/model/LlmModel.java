package org.supportrag.generation.model;

import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.ChatClientAnswerer;

/**
 * A configured model, ready to answer.
 *
 * @param name the configured name, e.g. {@code primary}
 * @param settings its configuration (provider, prices, timeouts)
 * @param answerer answers through Spring AI's {@code ChatClient}; fails fast (no fallback of its own)
 * @param costRank lower is cheaper
 */
public record LlmModel(String name, GenerationProperties.Model settings, ChatClientAnswerer answerer, int costRank) {

    /** The OpenTelemetry {@code gen_ai.system}, e.g. {@code openai}. */
    public String system() {
        return settings.provider().system();
    }

    /** The provider's model name, OpenTelemetry {@code gen_ai.request.model}. */
    public String requestModel() {
        return settings.model();
    }
}
