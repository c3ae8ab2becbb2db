package org.supportrag.stub.openai;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON shapes of the OpenAI and Ollama wire formats the stub speaks. */
final class Payloads {

	static final JsonMapper JSON = JsonMapper.shared();

	private Payloads() {
	}

	record Usage(int prompt, int completion) {

		static Usage of(ChatRequest request, String answer) {
			int prompt = request.messages().stream().mapToInt((m) -> Text.countTokens(m.content())).sum();
			return new Usage(prompt, Text.countTokens(answer));
		}

		ObjectNode toJson() {
			return JSON.createObjectNode()
				.put("prompt_tokens", this.prompt)
				.put("completion_tokens", this.completion)
				.put("total_tokens", this.prompt + this.completion);
		}
	}

	static ObjectNode completion(String id, long created, String model, String answer, @Nullable Usage usage) {
		ObjectNode root = header(id, "chat.completion", created, model);
		ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
		choice.putObject("message").put("role", "assistant").put("content", answer).putNull("refusal");
		choice.putNull("logprobs");
		choice.put("finish_reason", "stop");
		if (usage != null) {
			root.set("usage", usage.toJson());
		}
		return root;
	}

	/** A streamed chunk; {@code null} delta fields are left out, a {@code null} finish means "not yet". */
	static ObjectNode chunk(String id, long created, String model, @Nullable String role, @Nullable String content,
			@Nullable String finish, boolean usageRequested) {
		ObjectNode root = header(id, "chat.completion.chunk", created, model);
		ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
		ObjectNode delta = choice.putObject("delta");
		if (role != null) {
			delta.put("role", role);
		}
		if (content != null) {
			delta.put("content", content);
		}
		choice.putNull("logprobs");
		choice.put("finish_reason", finish);
		if (usageRequested) {
			// OpenAI sends an explicit null usage on every chunk but the last when usage was requested.
			root.putNull("usage");
		}
		return root;
	}

	/** A non-streamed answer that asks the client to call one tool. */
	static ObjectNode toolCallCompletion(String id, long created, String model, String callId, String name,
			String arguments, Usage usage) {
		ObjectNode root = header(id, "chat.completion", created, model);
		ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
		ObjectNode message = choice.putObject("message").put("role", "assistant");
		message.putNull("content");
		message.putNull("refusal");
		toolCalls(message, callId, name, arguments, false);
		choice.putNull("logprobs");
		choice.put("finish_reason", "tool_calls");
		root.set("usage", usage.toJson());
		return root;
	}

	/** The streamed chunk carrying a whole tool call (OpenAI may split arguments; one piece is valid too). */
	static ObjectNode toolCallChunk(String id, long created, String model, String callId, String name,
			String arguments, boolean usageRequested) {
		ObjectNode root = header(id, "chat.completion.chunk", created, model);
		ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
		ObjectNode delta = choice.putObject("delta").put("role", "assistant");
		toolCalls(delta, callId, name, arguments, true);
		choice.putNull("logprobs");
		choice.putNull("finish_reason");
		if (usageRequested) {
			root.putNull("usage");
		}
		return root;
	}

	private static void toolCalls(ObjectNode parent, String callId, String name, String arguments, boolean indexed) {
		ObjectNode call = parent.putArray("tool_calls").addObject();
		if (indexed) {
			call.put("index", 0);
		}
		call.put("id", callId).put("type", "function");
		call.putObject("function").put("name", name).put("arguments", arguments);
	}

	static ObjectNode usageChunk(String id, long created, String model, Usage usage) {
		ObjectNode root = header(id, "chat.completion.chunk", created, model);
		root.putArray("choices");
		root.set("usage", usage.toJson());
		return root;
	}

	static ObjectNode ollamaMessage(String model, String content, boolean done) {
		ObjectNode root = JSON.createObjectNode().put("model", model).put("created_at", Instant.now().toString());
		root.putObject("message").put("role", "assistant").put("content", content);
		return root.put("done", done);
	}

	static ObjectNode ollamaDone(String model, String content, @Nullable Usage usage, long durationNanos) {
		ObjectNode done = ollamaMessage(model, content, true).put("done_reason", "stop")
			.put("total_duration", durationNanos)
			.put("load_duration", 0L);
		if (usage == null) {
			return done;
		}
		return done.put("prompt_eval_count", usage.prompt())
			.put("prompt_eval_duration", 0L)
			.put("eval_count", usage.completion())
			.put("eval_duration", durationNanos);
	}

	static ObjectNode models(List<String> names) {
		ObjectNode root = JSON.createObjectNode().put("object", "list");
		ArrayNode data = root.putArray("data");
		for (String name : names) {
			data.addObject().put("id", name).put("object", "model").put("created", 0).put("owned_by", "openai-stub");
		}
		return root;
	}

	static ObjectNode embeddings(String model, List<String> inputs, int dimensions, boolean base64) {
		ObjectNode root = JSON.createObjectNode().put("object", "list");
		ArrayNode data = root.putArray("data");
		int tokens = 0;
		for (int i = 0; i < inputs.size(); i++) {
			float[] vector = Text.embed(inputs.get(i), dimensions);
			ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
			if (base64) {
				item.put("embedding", Text.base64(vector));
			}
			else {
				ArrayNode values = item.putArray("embedding");
				for (float value : vector) {
					values.add(value);
				}
			}
			tokens += Text.countTokens(inputs.get(i));
		}
		root.put("model", model);
		root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
		return root;
	}

	/** OpenAI's error envelope; type and code follow what the real API sends for the status. */
	static ObjectNode openAiError(int status, String message) {
		String type = (status >= 500) ? "server_error" : "invalid_request_error";
		String code = switch (status) {
			case 401 -> "invalid_api_key";
			case 403 -> "permission_denied";
			case 404 -> "not_found";
			case 429 -> "rate_limit_exceeded";
			default -> (status >= 500) ? "server_error" : "invalid_request";
		};
		if (status == 429) {
			type = "requests";
		}
		ObjectNode root = JSON.createObjectNode();
		root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
		return root;
	}

	static ObjectNode ollamaError(String message) {
		return JSON.createObjectNode().put("error", message);
	}

	private static ObjectNode header(String id, String object, long created, String model) {
		return JSON.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
	}
}
