package org.supportrag.generation.answer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.core.io.Resource;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.confidence.Citations;
import org.supportrag.generation.prompt.PromptNames;
import org.supportrag.generation.prompt.PromptTemplates;
import org.supportrag.generation.prompt.ResolvedPrompts;

/**
 * Answers with an LLM through Spring AI's {@link ChatClient}, streaming the provider's tokens. A provider that fails,
 * before its first token or mid-answer, or answers nothing, throws {@link ModelCallFailedException} with what was
 * streamed, so the model chain decides what comes next. Prompts are rendered from the
 * conversation's templates ({@link Question#prompts()}), else from the bundled ones.
 */
public final class ChatClientAnswerer implements Answerer {


    private final ChatClient chatClient;
    private final ExtractiveAnswerer fallback;
    private final TokenCounter tokens;
    private final GenerationProperties.Llm settings;
    private final String configuredModel;
    private final String defaultSystemTemplate;
    private final String defaultUserTemplate;

    public ChatClientAnswerer(ChatClient chatClient, ExtractiveAnswerer fallback, TokenCounter tokens,
            GenerationProperties.Llm settings, String configuredModel, Resource systemPrompt, Resource userPrompt) {
        this.chatClient = chatClient;
        this.fallback = fallback;
        this.tokens = tokens;
        this.settings = settings;
        this.configuredModel = configuredModel;
        this.defaultSystemTemplate = read(systemPrompt);
        this.defaultUserTemplate = read(userPrompt);
    }

    @Override
    public boolean usesPrompts() {
        return true;
    }

    @Override
    public Answer answer(Question question, AnswerStream stream) {
        // Nothing to ground an answer on: an LLM could only guess, so do not pay for one.
        if (question.context().isEmpty()) {
            return fallback.answer(question, stream);
        }
        ResolvedPrompts prompts = question.prompts();
        String systemPrompt = PromptTemplates.render(
                prompts == null ? defaultSystemTemplate : prompts.body(PromptNames.ANSWER_SYSTEM), Map.of());
        String userPrompt = PromptTemplates.render(
                prompts == null ? defaultUserTemplate : prompts.body(PromptNames.ANSWER_USER),
                Map.of("context", renderContext(question.context()), "question", question.text()));
        // Past cases and CRM data: after the question, each under its own heading, apart from the citable excerpts.
        for (String section : question.background()) {
            userPrompt += "\n\n" + section;
        }
        List<Message> history = history(question.history());
        StringBuilder text = new StringBuilder();
        Usage usage = null;
        String model = null;
        // Materialized: a stream that breaks off still delivers every chunk received before the error (a plain
        // blocking iterator throws as soon as the error arrives and drops chunks not yet taken).
        try (Stream<Signal<ChatResponse>> signals = responses(systemPrompt, history, userPrompt, question.tools())
            .materialize()
            .toStream(1)) {
            Iterator<Signal<ChatResponse>> iterator = signals.iterator();
            while (iterator.hasNext() && !stream.cancelled()) {
                Signal<ChatResponse> signal = iterator.next();
                if (signal.isOnError()) {
                    throw Exceptions.propagate(Objects.requireNonNull(signal.getThrowable()));
                }
                ChatResponse response = signal.get();
                if (response == null) {
                    continue;
                }
                String piece = text(response);
                if (!piece.isEmpty()) {
                    // Leading blank pieces would show as an empty bubble; drop them.
                    if (text.isEmpty()) {
                        piece = piece.stripLeading();
                    }
                    if (!piece.isEmpty()) {
                        text.append(piece);
                        stream.token(piece);
                    }
                }
                Usage reported = response.getMetadata() == null ? null : response.getMetadata().getUsage();
                if (reported != null && positive(reported.getPromptTokens())) {
                    usage = reported;
                }
                if (response.getMetadata() != null && hasText(response.getMetadata().getModel())) {
                    model = response.getMetadata().getModel();
                }
            }
        }
        catch (RuntimeException ex) {
            throw new ModelCallFailedException(ex, text.toString(),
                    estimatedPromptTokens(systemPrompt, userPrompt, history), tokens.count(text.toString()));
        }
        if (text.isEmpty()) {
            if (stream.cancelled()) {
                return new Answer("", 0, modelName(model), 0, 0, 0, List.of());
            }
            throw new ModelCallFailedException(new IllegalStateException("The model returned an empty answer"), "",
                    estimatedPromptTokens(systemPrompt, userPrompt, history), 0);
        }
        String answer = text.toString();
        int promptTokens;
        int completionTokens;
        if (usage != null) {
            promptTokens = usage.getPromptTokens();
            completionTokens = positive(usage.getCompletionTokens()) ? usage.getCompletionTokens()
                    : tokens.count(answer);
        }
        else {
            promptTokens = estimatedPromptTokens(systemPrompt, userPrompt, history);
            completionTokens = tokens.count(answer);
        }
        double cost = (promptTokens * settings.promptPricePerMillion()
                + completionTokens * settings.completionPricePerMillion()) / 1_000_000;
        List<String> flags = new ArrayList<>();
        double confidence = confidence(answer, question.context());
        if (!hasCitation(answer, question.context().size())) {
            flags.add(AnswerFlags.LOW_CONFIDENCE);
        }
        return new Answer(answer, Math.round(confidence * 1000) / 1000.0, modelName(model), promptTokens,
                completionTokens, Math.round(cost * 1_000_000) / 1_000_000.0, flags);
    }

    /** Estimated with the embedding model's tokenizer: close enough for cost tracking of most models. */
    private int estimatedPromptTokens(String systemPrompt, String userPrompt, List<Message> history) {
        return tokens.count(systemPrompt) + tokens.count(userPrompt)
                + history.stream()
                    .mapToInt(message -> tokens.count(Objects.requireNonNullElse(message.getText(), "")))
                    .sum();
    }

    private Flux<ChatResponse> responses(String systemPrompt, List<Message> history, String userPrompt,
            List<Object> tools) {
        ChatClient.ChatClientRequestSpec request = chatClient.prompt()
            .system(systemPrompt)
            .messages(history)
            .user(userPrompt);
        if (!tools.isEmpty()) {
            request = request.tools(tools.toArray());
        }
        return request
            .stream()
            .chatResponse()
            // The first chunk may take a while (prompt processing); later ones must keep coming.
            .timeout(Mono.delay(settings.firstTokenTimeout()), item -> Mono.delay(settings.idleTimeout()));
    }

    /** Context chunks numbered as the model must cite them: {@code [n] title — section} and the text. */
    static String renderContext(List<SearchHit> context) {
        StringBuilder rendered = new StringBuilder();
        for (int i = 0; i < context.size(); i++) {
            SearchHit hit = context.get(i);
            if (i > 0) {
                rendered.append("\n\n");
            }
            rendered.append('[').append(i + 1).append("] ").append(hit.title());
            if (hasText(hit.sectionPath())) {
                rendered.append(" — ").append(hit.sectionPath());
            }
            rendered.append('\n').append(hit.text().strip());
        }
        return rendered.toString();
    }

    private List<Message> history(List<Question.PriorMessage> prior) {
        int from = Math.max(0, prior.size() - settings.historyMessages());
        List<Message> messages = new ArrayList<>();
        for (Question.PriorMessage message : prior.subList(from, prior.size())) {
            // Old citation numbers point into old contexts and would mislead the model.
            String content = Citations.MARKER.matcher(message.content()).replaceAll("").strip();
            messages.add(message.fromCustomer() ? new UserMessage(content) : new AssistantMessage(content));
        }
        return messages;
    }

    /** Mean retrieval score of the cited chunks; an answer citing nothing is not grounded. */
    private static double confidence(String answer, List<SearchHit> context) {
        Set<Integer> cited = Citations.cited(answer, context.size());
        if (cited.isEmpty()) {
            return 0.2 * clamp(context.getFirst().score());
        }
        double sum = 0;
        for (int index : cited) {
            sum += clamp(context.get(index - 1).score());
        }
        return clamp(0.3 + 0.7 * sum / cited.size());
    }

    private static boolean hasCitation(String answer, int chunks) {
        return !Citations.cited(answer, chunks).isEmpty();
    }

    private static String text(ChatResponse response) {
        Generation result = response.getResult();
        if (result == null || result.getOutput() == null) {
            return "";
        }
        String text = result.getOutput().getText();
        return text == null ? "" : text;
    }

    private String modelName(@Nullable String reported) {
        return reported != null && hasText(reported) ? reported : configuredModel;
    }

    private static String read(Resource resource) {
        try {
            return resource.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException("Cannot read prompt template " + resource, ex);
        }
    }

    private static boolean positive(@Nullable Integer value) {
        return value != null && value > 0;
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }
}
