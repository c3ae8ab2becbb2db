package org.supportrag.openai.wire;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTests {

    static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void readsARequestWithTextPartsStreamOptionsToolsAndUnknownMembers() {
        ChatCompletionRequest request = JSON.readValue("""
                {"model": "gpt-4o", "stream": true, "stream_options": {"include_usage": true},
                 "temperature": 0.2, "knowledge_base": "billing",
                 "messages": [{"role": "system", "content": "Be brief."},
                              {"role": "user", "content": [{"type": "text", "text": "Hello "},
                                                           {"type": "image_url", "image_url": {"url": "x"}},
                                                           {"type": "text", "text": "there"}]},
                              {"role": "assistant", "content": null, "tool_calls": []}],
                 "tools": [{"type": "function", "function": {"name": "orders", "parameters": {}}},
                           {"type": "function", "function": {"name": " "}}]}""", ChatCompletionRequest.class);

        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.streamOr(false)).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.knowledgeBase()).isEqualTo("billing");
        assertThat(request.messages()).containsExactly(new ChatCompletionRequest.Message("system", "Be brief."),
                new ChatCompletionRequest.Message("user", "Hello there"),
                new ChatCompletionRequest.Message("assistant", ""));
        assertThat(request.toolNames()).containsExactly("orders");
    }

    @Test
    void readsAbsentMembersAsEmptyOrUnsaid() {
        ChatCompletionRequest request = JSON.readValue("{}", ChatCompletionRequest.class);

        assertThat(request.model()).isNull();
        assertThat(request.messages()).isEmpty();
        assertThat(request.toolNames()).isEmpty();
        assertThat(request.streamOr(true)).isTrue();
        assertThat(request.streamOr(false)).isFalse();
        assertThat(request.includeUsage()).isFalse();
    }

    @Test
    void refusesMessagesThatAreNotAList() {
        assertThatThrownBy(() -> JSON.readValue("{\"messages\": \"hi\"}", ChatCompletionRequest.class))
            .isInstanceOf(DatabindException.class);
    }

    @Test
    void writesACompletionWithExplicitNullsWhereOpenAiSendsThem() {
        ChatCompletion completion = ChatCompletion.of("chatcmpl-1", 7, "m",
                ChatCompletion.AssistantMessage.text("Hi"), "stop", Usage.of(3, 4), null);

        JsonNode json = JSON.valueToTree(completion);

        assertThat(json.toString()).isEqualTo("""
                {"id":"chatcmpl-1","object":"chat.completion","created":7,"model":"m","choices":[{"index":0,\
                "message":{"role":"assistant","content":"Hi","refusal":null},"logprobs":null,\
                "finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""");
    }

    @Test
    void writesAToolCallWithNullContent() {
        ChatCompletion completion = ChatCompletion.of("c", 1, "m",
                ChatCompletion.AssistantMessage.toolCall(ToolCall.function(null, "call_1", "orders", "{}")),
                "tool_calls", null, null);

        JsonNode message = JSON.valueToTree(completion).path("choices").get(0).path("message");

        assertThat(message.toString()).isEqualTo("""
                {"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"call_1","type":"function",\
                "function":{"name":"orders","arguments":"{}"}}]}""");
    }

    @Test
    void leavesUsageOutOfChunksUnlessRequestedAndWritesNullUntilTheUsageChunk() {
        ChatCompletionChunk.Delta delta = ChatCompletionChunk.Delta.of(null, "Hi");

        JsonNode unrequested = JSON.valueToTree(ChatCompletionChunk.delta("c", 1, "m", delta, null, false));
        JsonNode requested = JSON.valueToTree(ChatCompletionChunk.delta("c", 1, "m", delta, null, true));
        JsonNode last = JSON.valueToTree(ChatCompletionChunk.usageOnly("c", 1, "m", Usage.of(1, 2)));

        assertThat(unrequested.has("usage")).isFalse();
        assertThat(unrequested.path("choices").get(0).toString())
            .isEqualTo("{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"logprobs\":null,\"finish_reason\":null}");
        assertThat(requested.has("usage")).isTrue();
        assertThat(requested.path("usage").isNull()).isTrue();
        assertThat(last.path("choices").isEmpty()).isTrue();
        assertThat(last.path("usage").path("total_tokens").intValue()).isEqualTo(3);
    }

    @Test
    void addsTheExtensionMemberToTheFinishingChunk() {
        ChatCompletionChunk chunk = ChatCompletionChunk
            .delta("c", 1, "m", ChatCompletionChunk.Delta.of(null, null), "stop", false)
            .withExtension(java.util.Map.of("confidence", 0.5));

        JsonNode json = JSON.valueToTree(chunk);

        assertThat(json.path("supportrag").path("confidence").doubleValue()).isEqualTo(0.5);
        assertThat(json.path("choices").get(0).path("delta").isEmpty()).isTrue();
    }

    @Test
    void namesErrorTypesAndCodesAsTheRealApiDoes() {
        assertThat(JSON.valueToTree(ErrorResponse.forStatus(429, "slow down")).toString()).isEqualTo("""
                {"error":{"message":"slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}}""");
        assertThat(ErrorResponse.forStatus(400, "bad").error().type()).isEqualTo("invalid_request_error");
        assertThat(ErrorResponse.forStatus(503, "down").error().code()).isEqualTo("server_error");
        assertThat(ErrorResponse.forStatus(401, "who").error().code()).isEqualTo("invalid_api_key");
    }

    @Test
    void readsBackWhatItWrites() {
        ChatCompletion completion = ChatCompletion.of("c", 1, "m", ChatCompletion.AssistantMessage.text("Hi"),
                "stop", Usage.of(1, 1), null);

        assertThat(JSON.readValue(JSON.writeValueAsString(completion), ChatCompletion.class)).isEqualTo(completion);
    }
}
