package org.supportrag.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A non-streamed answer ({@code "object": "chat.completion"}).
 *
 * @param usage left out when the server reports none
 * @param extension SupportRAG's {@code supportrag} member (citations, confidence, ids), left out when {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Usage usage,
        @JsonProperty("supportrag") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Object extension) {

    public static final String OBJECT = "chat.completion";

    /** One choice with {@code message}, finishing for {@code finishReason} ({@code stop}, {@code tool_calls}). */
    public static ChatCompletion of(String id, long created, String model, AssistantMessage message,
            String finishReason, @Nullable Usage usage, @Nullable Object extension) {
        return new ChatCompletion(id, OBJECT, created, model, List.of(new Choice(0, message, null, finishReason)),
                usage, extension);
    }

    /** A choice; {@code logprobs} is always sent, as {@code null} unless requested. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(int index, AssistantMessage message, @Nullable Object logprobs,
            @JsonProperty("finish_reason") String finishReason) {
    }

    /** The answer: text content, or tool calls with {@code null} content. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AssistantMessage(String role, @Nullable String content, @Nullable String refusal,
            @JsonProperty("tool_calls") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<ToolCall> toolCalls) {

        public static AssistantMessage text(String content) {
            return new AssistantMessage("assistant", content, null, null);
        }

        public static AssistantMessage toolCall(ToolCall call) {
            return new AssistantMessage("assistant", null, null, List.of(call));
        }
    }
}
