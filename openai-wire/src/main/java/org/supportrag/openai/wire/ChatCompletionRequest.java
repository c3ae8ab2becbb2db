package org.supportrag.openai.wire;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A {@code POST /v1/chat/completions} body; Ollama's {@code /api/chat} shares the members read here. Members not
 * named are ignored; absent lists read as empty.
 *
 * @param model the requested model, absent for callers that leave the choice to the server
 * @param messages the conversation in request order
 * @param stream whether to stream, {@code null} when the caller did not say (see {@link #streamOr})
 * @param streamOptions {@code stream_options}
 * @param tools the functions offered to the model
 * @param knowledgeBase SupportRAG's extension: the knowledge base to answer from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionRequest(@Nullable String model, List<Message> messages, @Nullable Boolean stream,
        @JsonProperty("stream_options") @Nullable StreamOptions streamOptions, List<Tool> tools,
        @JsonProperty("knowledge_base") @Nullable String knowledgeBase) {

    public ChatCompletionRequest {
        messages = List.copyOf(Objects.requireNonNullElse(messages, List.of()));
        tools = List.copyOf(Objects.requireNonNullElse(tools, List.of()));
    }

    /** Whether the caller asked for a stream; {@code whenAbsent} when it did not say (OpenAI: no, Ollama: yes). */
    public boolean streamOr(boolean whenAbsent) {
        return stream == null ? whenAbsent : stream;
    }

    /** Whether a streamed answer should end with a usage chunk ({@code stream_options.include_usage}). */
    public boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }

    /** Names of the offered functions ({@code tools[].function.name}), in order, blank names left out. */
    public List<String> toolNames() {
        return tools.stream()
            .map(Tool::function)
            .filter(Objects::nonNull)
            .map(ToolFunction::name)
            .filter(name -> name != null && !name.isBlank())
            .map(Objects::requireNonNull)
            .toList();
    }

    /**
     * One chat message. Content may be a string or an array of parts; the parts' {@code text} members are joined,
     * other parts (images, audio) contribute nothing. Absent or {@code null} content reads as empty.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, @JsonDeserialize(using = ContentText.class) String content) {

        public Message {
            role = Objects.requireNonNullElse(role, "");
            content = Objects.requireNonNullElse(content, "");
        }
    }

    /** {@code stream_options}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StreamOptions(@JsonProperty("include_usage") @Nullable Boolean includeUsage) {
    }

    /** An offered tool; only functions carry a name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tool(@Nullable String type, @Nullable ToolFunction function) {
    }

    /** The part of a function tool the servers read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ToolFunction(@Nullable String name) {
    }
}
