package org.supportrag.stub.openai;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A chat request as the stub received it, handed to scripted responders and kept in {@link RecordedRequest}.
 *
 * @param model the requested model name
 * @param messages the conversation in request order
 * @param stream whether the client asked for a streamed answer
 * @param includeUsage whether the client asked for a final usage chunk ({@code stream_options.include_usage})
 * @param rawJson the request body exactly as received
 */
public record ChatRequest(String model, List<Message> messages, boolean stream, boolean includeUsage,
		String rawJson) {

	public ChatRequest {
		messages = List.copyOf(messages);
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

	/** Names of the functions the request offers as tools ({@code tools[].function.name}), in order. */
	public List<String> toolNames() {
		List<String> names = new ArrayList<>();
		JsonNode tools = Payloads.JSON.readTree(this.rawJson).path("tools");
		for (JsonNode tool : tools.values()) {
			String name = tool.path("function").path("name").stringValue("");
			if (!name.isEmpty()) {
				names.add(name);
			}
		}
		return names;
	}

	/** One chat message; multi-part content is flattened to its text parts. */
	public record Message(String role, String content) {
	}

	/**
	 * Parses an OpenAI or Ollama chat body; returns {@code null} when the mandatory parts are missing.
	 * @param defaultStream Ollama streams unless told otherwise, OpenAI does not
	 */
	static @org.jspecify.annotations.Nullable ChatRequest parse(JsonNode body, String rawJson,
			boolean defaultStream) {
		String model = body.path("model").stringValue("");
		JsonNode messages = body.path("messages");
		if (model.isBlank() || !messages.isArray() || messages.isEmpty()) {
			return null;
		}
		List<Message> parsed = new ArrayList<>();
		for (JsonNode message : messages.values()) {
			parsed.add(new Message(message.path("role").stringValue(""), text(message.path("content"))));
		}
		boolean stream = body.path("stream").booleanValue(defaultStream);
		boolean includeUsage = body.path("stream_options").path("include_usage").booleanValue(false);
		return new ChatRequest(model, parsed, stream, includeUsage, rawJson);
	}

	private static String text(JsonNode content) {
		if (!content.isArray()) {
			return content.stringValue("");
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content.values()) {
			text.append(part.path("text").stringValue(""));
		}
		return text.toString();
	}
}
