package org.supportrag.openai.wire;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One streamed event ({@code "object": "chat.completion.chunk"}), sent as a server-sent event
 * {@code data: <json>}; a stream ends with {@link #DONE}.
 *
 * @param usage {@code null} leaves the member out (usage not requested); empty writes {@code "usage": null}, as
 *     OpenAI does on every chunk but the last when usage was requested; present on the final usage chunk
 * @param extension SupportRAG's {@code supportrag} member on the finishing chunk, left out when {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Optional<Usage> usage,
        @JsonProperty("supportrag") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Object extension) {

    public static final String OBJECT = "chat.completion.chunk";

    /** The server-sent event that ends every stream. */
    public static final String DONE = "data: [DONE]\n\n";

    /**
     * A chunk with one choice; {@code null} delta fields are left out, a {@code null} finish means "not yet".
     * @param usageRequested whether the caller asked for usage, so this chunk carries {@code "usage": null}
     */
    public static ChatCompletionChunk delta(String id, long created, String model, Delta delta,
            @Nullable String finishReason, boolean usageRequested) {
        return new ChatCompletionChunk(id, OBJECT, created, model,
                List.of(new Choice(0, delta, null, finishReason)), usageRequested ? Optional.empty() : null, null);
    }

    /** The last chunk before {@link #DONE} when usage was requested: no choices, only usage. */
    public static ChatCompletionChunk usageOnly(String id, long created, String model, Usage usage) {
        return new ChatCompletionChunk(id, OBJECT, created, model, List.of(), Optional.of(usage), null);
    }

    public ChatCompletionChunk withExtension(Object extension) {
        return new ChatCompletionChunk(id, object, created, model, choices, usage, extension);
    }

    /** A choice in a chunk; {@code logprobs} and {@code finish_reason} are always sent, {@code null} until set. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(int index, Delta delta, @Nullable Object logprobs,
            @JsonProperty("finish_reason") @Nullable String finishReason) {
    }

    /** What a chunk adds to the answer; absent members are left out. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(@Nullable String role, @Nullable String content,
            @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls) {

        public static Delta of(@Nullable String role, @Nullable String content) {
            return new Delta(role, content, null);
        }
    }
}
