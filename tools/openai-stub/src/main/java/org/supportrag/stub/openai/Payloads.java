package org.supportrag.stub.openai;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.supportrag.openai.wire.ChatCompletion;
import org.supportrag.openai.wire.ChatCompletion.AssistantMessage;
import org.supportrag.openai.wire.ChatCompletionChunk;
import org.supportrag.openai.wire.ChatCompletionChunk.Delta;
import org.supportrag.openai.wire.ErrorResponse;
import org.supportrag.openai.wire.ToolCall;
import org.supportrag.openai.wire.Usage;

/** The JSON shapes the stub sends: OpenAI chat from {@code openai-wire}, Ollama, models and embeddings here. */
final class Payloads {

	static final JsonMapper JSON = JsonMapper.shared();

	private Payloads() {
	}

	static Usage usage(ChatRequest request, String answer) {
		int prompt = request.messages().stream().mapToInt((m) -> Text.countTokens(m.content())).sum();
		return Usage.of(prompt, Text.countTokens(answer));
	}

	static ChatCompletion completion(String id, long created, String model, String answer, @Nullable Usage usage) {
		return ChatCompletion.of(id, created, model, AssistantMessage.text(answer), "stop", usage, null);
	}

	/** A streamed chunk; {@code null} delta fields are left out, a {@code null} finish means "not yet". */
	static ChatCompletionChunk chunk(String id, long created, String model, @Nullable String role,
			@Nullable String content, @Nullable String finish, boolean usageRequested) {
		return ChatCompletionChunk.delta(id, created, model, Delta.of(role, content), finish, usageRequested);
	}

	/** A non-streamed answer that asks the client to call one tool. */
	static ChatCompletion toolCallCompletion(String id, long created, String model, String callId, String name,
			String arguments, Usage usage) {
		return ChatCompletion.of(id, created, model,
				AssistantMessage.toolCall(ToolCall.function(null, callId, name, arguments)), "tool_calls", usage,
				null);
	}

	/** The streamed chunk carrying a whole tool call (OpenAI may split arguments; one piece is valid too). */
	static ChatCompletionChunk toolCallChunk(String id, long created, String model, String callId, String name,
			String arguments, boolean usageRequested) {
		Delta delta = new Delta("assistant", null, List.of(ToolCall.function(0, callId, name, arguments)));
		return ChatCompletionChunk.delta(id, created, model, delta, null, usageRequested);
	}

	static ChatCompletionChunk usageChunk(String id, long created, String model, Usage usage) {
		return ChatCompletionChunk.usageOnly(id, created, model, usage);
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
		return done.put("prompt_eval_count", usage.promptTokens())
			.put("prompt_eval_duration", 0L)
			.put("eval_count", usage.completionTokens())
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
	static ErrorResponse openAiError(int status, String message) {
		return ErrorResponse.forStatus(status, message);
	}

	static ObjectNode ollamaError(String message) {
		return JSON.createObjectNode().put("error", message);
	}
}
