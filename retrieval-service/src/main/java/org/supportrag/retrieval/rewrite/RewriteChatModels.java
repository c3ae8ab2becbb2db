package org.supportrag.retrieval.rewrite;

import java.net.http.HttpClient;
import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.telemetry.GenAiObservationConvention;
import org.supportrag.retrieval.RetrievalProperties;

/**
 * The rewrite's own Spring AI chat model, built from {@code rag.retrieval.rewrite.*} (no Spring AI auto-configuration
 * is on the classpath). A search waits for it, so the HTTP call is bounded by the rewrite timeout and never retried:
 * the offline rewrite is the fallback. The clients are plain, not Boot's {@code RestClient.Builder}, whose
 * customizer would send internal tokens to the provider; they are observed, so the call joins the search's trace.
 */
final class RewriteChatModels {

    /** The model's name in metrics and spans ({@code rag.model}). */
    static final String NAME = "rewrite";

    private RewriteChatModels() {
    }

    static ChatModel create(RetrievalProperties.Rewrite settings, ObservationRegistry observations) {
        String baseUrl = Objects.requireNonNull(settings.baseUrl()).toString();
        String model = Objects.requireNonNull(settings.model());
        return switch (settings.provider()) {
            case OPENAI -> {
                OpenAiChatOptions.Builder options = OpenAiChatOptions.builder()
                    .baseUrl(baseUrl)
                    // Empty: no Authorization header (never Spring AI's fallback to the OPENAI_API_KEY variable).
                    .apiKey(settings.apiKey() == null || settings.apiKey().isBlank() ? "" : settings.apiKey())
                    .model(model)
                    // The OkHttp call timeout: connecting, reading and the whole call.
                    .timeout(settings.timeout())
                    .maxRetries(0);
                if (settings.temperature() != null) {
                    options.temperature(settings.temperature());
                }
                OpenAiChatModel chat = OpenAiChatModel.builder().options(options.build())
                    .observationRegistry(observations).build();
                chat.setObservationConvention(new GenAiObservationConvention(NAME, "openai"));
                yield chat;
            }
            case OLLAMA -> {
                JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                        HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
                requests.setReadTimeout(settings.timeout());
                OllamaChatOptions.Builder options = OllamaChatOptions.builder().model(model);
                if (settings.temperature() != null) {
                    options.temperature(settings.temperature());
                }
                OllamaChatModel chat = OllamaChatModel.builder()
                    .ollamaApi(OllamaApi.builder()
                        .baseUrl(baseUrl)
                        .restClientBuilder(RestClient.builder().requestFactory(requests).observationRegistry(observations))
                        .build())
                    .options(options.build())
                    .retryTemplate(new RetryTemplate(RetryPolicy.withMaxRetries(0)))
                    .observationRegistry(observations)
                    .build();
                chat.setObservationConvention(new GenAiObservationConvention(NAME, "ollama"));
                yield chat;
            }
            case OFFLINE -> throw new IllegalArgumentException("The offline rewrite uses no chat model");
        };
    }
}
