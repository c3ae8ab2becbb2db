package org.supportrag.generation.model;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The named LLMs the service may answer with, prefix {@code rag.generation}: {@code rag.generation.models.<name>.*}
 * (for example {@code primary} and {@code small}), in declaration order. Empty means: use the single provider of
 * {@code rag.generation.provider} as model {@code primary} (configured by {@code spring.ai.openai.*} or
 * {@code spring.ai.ollama.*}), or none when that is {@code offline}.
 *
 * @param models the models by name
 */
@ConfigurationProperties("rag.generation")
record ModelsProperties(@DefaultValue Map<String, Model> models) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    public ModelsProperties {
        for (String name : models.keySet()) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("rag.generation.models." + name
                        + ": model names must be 1-40 lower-case letters, digits or '-', starting with a letter");
            }
        }
        models = new LinkedHashMap<>(models);
    }

    public enum Provider {
        OPENAI, OLLAMA;

        public String system() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One model endpoint.
     *
     * @param provider {@code openai} (any OpenAI-compatible API) or {@code ollama}
     * @param baseUrl the API root: for OpenAI-compatible APIs including {@code /v1}, for Ollama the server root
     * @param apiKey the provider's key (OpenAI-compatible only)
     * @param model the provider's model name, e.g. {@code gpt-4o-mini}
     * @param temperature sampling temperature; the provider's default when unset
     * @param firstTokenTimeout give up on the call when the first token takes longer
     * @param idleTimeout give up when the stream stalls this long between chunks
     * @param promptPricePerMillion USD per million prompt (input) tokens
     * @param completionPricePerMillion USD per million completion (output) tokens
     * @param cost relative cost rank for routing, lower is cheaper (default: by declaration order, the first
     *             declared model is the most expensive and the last one the cheapest)
     */
    public record Model(Provider provider, URI baseUrl, @Nullable String apiKey, String model,
            @Nullable Double temperature, @DefaultValue("15s") Duration firstTokenTimeout,
            @DefaultValue("20s") Duration idleTimeout, @DefaultValue("0") double promptPricePerMillion,
            @DefaultValue("0") double completionPricePerMillion, @Nullable Integer cost) {

        public Model {
            if (promptPricePerMillion < 0 || completionPricePerMillion < 0) {
                throw new IllegalArgumentException("model prices must not be negative");
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model must name the provider's model");
            }
        }
    }
}
