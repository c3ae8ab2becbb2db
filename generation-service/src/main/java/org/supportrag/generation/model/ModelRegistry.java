package org.supportrag.generation.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.core.io.ResourceLoader;

import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.defaults.telemetry.GenAiObservationConvention;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.ChatClientAnswerer;
import org.supportrag.generation.answer.ExtractiveAnswerer;

/**
 * Every configured model, each with its own Spring AI {@link ChatModel} and {@link ChatClient} (own base URL, key and
 * model name). The models are built here rather than by Spring AI's auto-configuration, which creates only one per
 * provider; retries, timeouts and circuit breaking are the model chain's job, so the clients never retry.
 */
public final class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);
    static final String SYSTEM_PROMPT = "classpath:prompts/answer-system.st";
    static final String USER_PROMPT = "classpath:prompts/answer-user.st";
    /** The whole-request limit of the OpenAI client; streams are bounded by first-token and idle timeouts. */
    private static final Duration REQUEST_LIMIT = Duration.ofMinutes(5);

    private final Map<String, LlmModel> models;

    ModelRegistry(List<LlmModel> models) {
        Map<String, LlmModel> byName = new LinkedHashMap<>();
        models.forEach(model -> byName.put(model.name(), model));
        this.models = byName;
    }

    static ModelRegistry create(GenerationProperties generation,
            ExtractiveAnswerer extractive, TokenCounter tokens, ResourceLoader resources) {
        return create(generation, extractive, tokens, resources, ObservationRegistry.NOOP,
                new SimpleMeterRegistry());
    }

    /**
     * @param observations Spring AI's chat-model observations go here (spans and {@code gen_ai.*} metrics, with
     *                     {@link GenAiObservationConvention}); {@link ObservationRegistry#NOOP} turns them off
     */
    static ModelRegistry create(GenerationProperties generation,
            ExtractiveAnswerer extractive, TokenCounter tokens, ResourceLoader resources,
            ObservationRegistry observations, MeterRegistry meters) {
        Map<String, GenerationProperties.Model> configured = generation.models();
        List<LlmModel> models = new ArrayList<>();
        int position = 0;
        for (Map.Entry<String, GenerationProperties.Model> entry : configured.entrySet()) {
            GenerationProperties.Model settings = entry.getValue();
            GenAiObservationConvention convention = new GenAiObservationConvention(entry.getKey(),
                    settings.provider().system());
            ChatModel chatModel = new ObservedChatModel(chatModel(settings, observations, convention), observations,
                    meters, entry.getKey(), settings.provider().system(), settings.model(), convention);
            GenerationProperties.Llm llm = new GenerationProperties.Llm(settings.firstTokenTimeout(),
                    settings.idleTimeout(), generation.llm().historyMessages(), settings.promptPricePerMillion(),
                    settings.completionPricePerMillion());
            ChatClientAnswerer answerer = new ChatClientAnswerer(ChatClient.create(chatModel), extractive, tokens, llm,
                    settings.model(), resources.getResource(SYSTEM_PROMPT), resources.getResource(USER_PROMPT));
            // By default the first declared model is the most expensive one, the last the cheapest.
            int rank = settings.cost() == null ? configured.size() - position : settings.cost();
            models.add(new LlmModel(entry.getKey(), settings, answerer, rank));
            log.info("Model {}: {} {} at {}", entry.getKey(), settings.provider().system(), settings.model(),
                    settings.baseUrl());
            position++;
        }
        if (models.isEmpty()) {
            log.info("No LLM configured: answering offline with the extractive answerer");
        }
        return new ModelRegistry(models);
    }

    private static ChatModel chatModel(GenerationProperties.Model settings, ObservationRegistry observations,
            GenAiObservationConvention convention) {
        return switch (settings.provider()) {
            case OPENAI -> {
                OpenAiChatOptions.Builder options = OpenAiChatOptions.builder()
                    .baseUrl(settings.baseUrl().toString())
                    .apiKey(settings.apiKey() == null || settings.apiKey().isBlank() ? "not-configured"
                            : settings.apiKey())
                    .model(settings.model())
                    .maxRetries(0)
                    .timeout(REQUEST_LIMIT)
                    .streamUsage(true);
                if (settings.temperature() != null) {
                    options.temperature(settings.temperature());
                }
                OpenAiChatModel model = OpenAiChatModel.builder()
                    .options(options.build())
                    .observationRegistry(observations)
                    .httpClientBuilderCustomizer(NoDelayTlsSockets::apply)
                    .build();
                model.setObservationConvention(convention);
                yield model;
            }
            case OLLAMA -> {
                OllamaChatOptions.Builder options = OllamaChatOptions.builder().model(settings.model());
                if (settings.temperature() != null) {
                    options.temperature(settings.temperature());
                }
                OllamaChatModel model = OllamaChatModel.builder()
                    .ollamaApi(OllamaApi.builder().baseUrl(settings.baseUrl().toString()).build())
                    .options(options.build())
                    .observationRegistry(observations)
                    .build();
                model.setObservationConvention(convention);
                yield model;
            }
        };
    }

    /** The models in declaration order. */
    public List<LlmModel> all() {
        return List.copyOf(models.values());
    }

    public Optional<LlmModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public boolean isEmpty() {
        return models.isEmpty();
    }

    /** The cheapest model (lowest cost rank), if any. */
    public Optional<LlmModel> cheapest() {
        return models.values().stream().min(Comparator.comparingInt(LlmModel::costRank));
    }

    /** A model's name → provider model name, for reports. */
    public @Nullable String requestModel(String name) {
        LlmModel model = models.get(name);
        return model == null ? null : model.requestModel();
    }
}
