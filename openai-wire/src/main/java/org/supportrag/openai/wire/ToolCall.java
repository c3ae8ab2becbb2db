package org.supportrag.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A function call the model asks for.
 *
 * @param index the call's position, sent in stream deltas only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolCall(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer index, String id, String type,
        FunctionCall function) {

    public static ToolCall function(@Nullable Integer index, String id, String name, String arguments) {
        return new ToolCall(index, id, "function", new FunctionCall(name, arguments));
    }

    /** The called function and its arguments as a JSON text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FunctionCall(String name, String arguments) {
    }
}
