package org.supportrag.stub.openai;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.supportrag.openai.wire.ChatCompletionRequest;

/**
 * A chat request as the stub received it, handed to scripted responders and kept in {@link RecordedRequest}.
 *
 * @param model the requested model name
 * @param messages the conversation in request order
 * @param stream whether the client asked for a streamed answer
 * @param includeUsage whether the client asked for a final usage chunk ({@code stream_options.include_usage})
 * @param toolNames names of the functions the request offers as tools ({@code tools[].function.name}), in order
 * @param rawJson the request body exactly as received
 */
public record ChatRequest(String model, List<Message> messages, boolean stream, boolean includeUsage,
		List<String> toolNames, String rawJson) {

	public ChatRequest {
		messages = List.copyOf(messages);
		toolNames = List.copyOf(toolNames);
	}

	/** The content of the last {@code user} message, or an empty string when there is none. */
	public String lastUserMessage() {
		for (int i = this.messages.size() - 1; i >= 0; i--) {
			if ("user".equals(this.messages.get(i).role())) {
				return this.messages.get(i).content();
			}
		}
		return "";
	}

	/** One chat message; multi-part content is flattened to its text parts. */
	public record Message(String role, String content) {
	}

	/**
	 * Reads an OpenAI or Ollama chat body; returns {@code null} when it does not fit the wire format or the
	 * mandatory parts are missing.
	 * @param defaultStream Ollama streams unless told otherwise, OpenAI does not
	 */
	static @Nullable ChatRequest parse(JsonNode body, String rawJson, boolean defaultStream) {
		ChatCompletionRequest request;
		try {
			request = Payloads.JSON.treeToValue(body, ChatCompletionRequest.class);
		}
		catch (JacksonException ex) {
			return null;
		}
		String model = request.model();
		if (model == null || model.isBlank() || request.messages().isEmpty()) {
			return null;
		}
		List<Message> messages = request.messages()
			.stream()
			.map((message) -> new Message(message.role(), message.content()))
			.toList();
		return new ChatRequest(model, messages, request.streamOr(defaultStream), request.includeUsage(),
				request.toolNames(), rawJson);
	}
}
