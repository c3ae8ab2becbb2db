package org.supportrag.stub.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class OpenAiStubServerTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String ANSWER = "Reset your password from the account page, then sign in again.";

	private static OpenAiStubServer stub;

	private static HttpClient http;

	@BeforeAll
	static void startStub() {
		stub = new OpenAiStubServer().start();
		http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	}

	@AfterAll
	static void stopStub() {
		http.close();
		stub.close();
	}

	@BeforeEach
	void resetStub() {
		stub.reset().respondWith(ANSWER);
	}

	@Test
	void keepsOnlyTheNewestRequestsPastItsRecordLimit() throws Exception {
		stub.recordLimit(2);

		for (int i = 0; i < 5; i++) {
			post("/v1/embeddings", "{\"model\":\"e\",\"input\":\"text " + i + "\"}");
		}

		assertThat(stub.requests()).extracting(RecordedRequest::body)
			.containsExactly("{\"model\":\"e\",\"input\":\"text 3\"}", "{\"model\":\"e\",\"input\":\"text 4\"}");
	}

	@Test
	void answersANonStreamingRequestWithTheScriptedAnswerAndUsage() throws Exception {
		HttpResponse<String> response = post("/v1/chat/completions", chatBody(false, false));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode json = JSON.readTree(response.body());
		assertThat(json.path("id").stringValue()).startsWith("chatcmpl-");
		assertThat(json.path("object").stringValue()).isEqualTo("chat.completion");
		assertThat(json.path("created").longValue()).isPositive();
		assertThat(json.path("model").stringValue()).isEqualTo("gpt-test");
		JsonNode choice = json.path("choices").path(0);
		assertThat(choice.path("message").path("role").stringValue()).isEqualTo("assistant");
		assertThat(choice.path("message").path("content").stringValue()).isEqualTo(ANSWER);
		assertThat(choice.path("finish_reason").stringValue()).isEqualTo("stop");
		// "You are support." = 4 tokens, "How do I reset my password?" = 7 tokens; the answer = 13 tokens.
		assertThat(json.path("usage").path("prompt_tokens").intValue()).isEqualTo(11);
		assertThat(json.path("usage").path("completion_tokens").intValue()).isEqualTo(13);
		assertThat(json.path("usage").path("total_tokens").intValue()).isEqualTo(24);
	}

	@Test
	void streamsChunksThatConcatenateToTheAnswerAndEndWithDone() throws Exception {
		HttpResponse<String> response = post("/v1/chat/completions", chatBody(true, false));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		List<String> data = dataLines(response.body());
		assertThat(data.getLast()).isEqualTo("[DONE]");
		List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(JSON::readTree).toList();
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.path("object").stringValue()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.has("usage")).isFalse();
		});
		assertThat(chunks.getFirst().path("choices").path(0).path("delta").path("role").stringValue())
			.isEqualTo("assistant");
		StringBuilder content = new StringBuilder();
		chunks.forEach((chunk) -> content.append(chunk.path("choices").path(0).path("delta").path("content")
			.stringValue("")));
		assertThat(content.toString()).isEqualTo(ANSWER);
		assertThat(chunks.size()).isGreaterThan(3);
		assertThat(chunks.getLast().path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(chunks.subList(0, chunks.size() - 1))
			.allSatisfy((chunk) -> assertThat(chunk.path("choices").path(0).path("finish_reason").isNull()).isTrue());
	}

	@Test
	void sendsAUsageChunkWithEmptyChoicesWhenTheClientAsksForIt() throws Exception {
		List<String> data = dataLines(post("/v1/chat/completions", chatBody(true, true)).body());

		assertThat(data.getLast()).isEqualTo("[DONE]");
		JsonNode usageChunk = JSON.readTree(data.get(data.size() - 2));
		assertThat(usageChunk.path("choices").isArray()).isTrue();
		assertThat(usageChunk.path("choices").isEmpty()).isTrue();
		assertThat(usageChunk.path("usage").path("prompt_tokens").intValue()).isEqualTo(11);
		assertThat(usageChunk.path("usage").path("completion_tokens").intValue()).isEqualTo(13);
		assertThat(JSON.readTree(data.get(data.size() - 3)).path("choices").path(0).path("finish_reason")
			.stringValue()).isEqualTo("stop");
	}

	@Test
	void leavesUsageOutWhenToldTheProviderReportsNone() throws Exception {
		stub.reportUsage(false);

		List<String> data = dataLines(post("/v1/chat/completions", chatBody(true, true)).body());
		JsonNode completion = JSON.readTree(post("/v1/chat/completions", chatBody(false, false)).body());

		assertThat(data.getLast()).isEqualTo("[DONE]");
		assertThat(data).noneMatch((line) -> line.contains("prompt_tokens"));
		assertThat(completion.has("usage")).isFalse();
		assertThat(completion.path("choices").path(0).path("message").path("content").stringValue())
			.isEqualTo(ANSWER);
	}

	@Test
	void failsTheNextRequestsWithTheScriptedStatusAndAnOpenAiErrorBodyThenRecovers() throws Exception {
		stub.failNext(2, 503);

		for (int i = 0; i < 2; i++) {
			HttpResponse<String> failed = post("/v1/chat/completions", chatBody(false, false));
			assertThat(failed.statusCode()).isEqualTo(503);
			JsonNode error = JSON.readTree(failed.body()).path("error");
			assertThat(error.path("message").stringValue()).isNotBlank();
			assertThat(error.path("type").stringValue()).isEqualTo("server_error");
			assertThat(error.has("code")).isTrue();
		}
		HttpResponse<String> recovered = post("/v1/chat/completions", chatBody(false, false));
		assertThat(recovered.statusCode()).isEqualTo(200);
	}

	@Test
	void labelsRateLimitFailuresLikeOpenAi() throws Exception {
		stub.failNext(1, 429);

		JsonNode error = JSON.readTree(post("/v1/chat/completions", chatBody(false, false)).body()).path("error");
		assertThat(error.path("code").stringValue()).isEqualTo("rate_limit_exceeded");
	}

	@Test
	void cutsTheNextStreamAfterTheGivenChunksWithoutDone() throws Exception {
		stub.cutStreamAfter(2);
		HttpRequest request = request("/v1/chat/completions", chatBody(true, false)).build();
		// Bytes arrive in order before the error; buffering readers may drop the tail when the error wins.
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> http.send(request,
				HttpResponse.BodyHandlers.ofByteArrayConsumer((bytes) -> bytes.ifPresent(received::writeBytes))));

		List<String> data = dataLines(received.toString(StandardCharsets.UTF_8));
		assertThat(data).hasSize(3).doesNotContain("[DONE]");
		assertThat(JSON.readTree(data.get(1)).path("choices").path(0).path("delta").path("content").stringValue())
			.isEqualTo("Reset");

		List<String> next = dataLines(post("/v1/chat/completions", chatBody(true, false)).body());
		assertThat(next.getLast()).isEqualTo("[DONE]");
	}

	@Test
	void scriptsFaultsOverHttpForAStubRunningInAnotherProcess() throws Exception {
		HttpResponse<String> scripted = post("/_stub/faults?fail=2&status=500&cuts=1&cut-after=1", "");
		assertThat(scripted.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(scripted.body()).path("failuresLeft").intValue()).isEqualTo(2);

		assertThat(post("/v1/chat/completions", chatBody(false, false)).statusCode()).isEqualTo(500);
		assertThat(post("/v1/chat/completions", chatBody(false, false)).statusCode()).isEqualTo(500);
		HttpRequest request = request("/v1/chat/completions", chatBody(true, false)).build();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));
		assertThat(dataLines(post("/v1/chat/completions", chatBody(true, false)).body()).getLast()).isEqualTo("[DONE]");
		assertThat(post("/_stub/faults?fail=x", "").statusCode()).isEqualTo(400);
	}

	@Test
	void holdsTheNextRequestUntilTheClientTimesOutThenAnswersAgain() throws Exception {
		stub.timeoutNext(1);
		HttpRequest request = request("/v1/chat/completions", chatBody(false, false)).timeout(Duration.ofSeconds(1))
			.build();

		long started = System.nanoTime();
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));

		assertThat(post("/v1/chat/completions", chatBody(false, false)).statusCode()).isEqualTo(200);
	}

	@Test
	void recordsRequestsWithModelMessagesHeadersAndStreamFlag() throws Exception {
		post("/v1/chat/completions", chatBody(true, false));

		assertThat(stub.requests()).singleElement().satisfies((recorded) -> {
			assertThat(recorded.method()).isEqualTo("POST");
			assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
			assertThat(recorded.authorization()).isEqualTo("Bearer sk-test");
			assertThat(recorded.header("X-Trace")).isEqualTo("abc");
			assertThat(recorded.chat()).isNotNull();
			assertThat(recorded.chat().model()).isEqualTo("gpt-test");
			assertThat(recorded.chat().stream()).isTrue();
			assertThat(recorded.chat().messages()).containsExactly(
					new ChatRequest.Message("system", "You are support."),
					new ChatRequest.Message("user", "How do I reset my password?"));
		});
		stub.reset();
		assertThat(stub.requests()).isEmpty();
	}

	@Test
	void computesAnswersPerRequestAndPerModel() throws Exception {
		stub.respondWith((request) -> "echo: " + request.lastUserMessage()).respondForModel("special", "special");

		JsonNode echoed = JSON.readTree(post("/v1/chat/completions", chatBody(false, false)).body());
		JsonNode special = JSON.readTree(post("/v1/chat/completions",
				"{\"model\":\"special\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
			.body());

		assertThat(echoed.path("choices").path(0).path("message").path("content").stringValue())
			.isEqualTo("echo: How do I reset my password?");
		assertThat(special.path("choices").path(0).path("message").path("content").stringValue())
			.isEqualTo("special");
	}

	@Test
	void delaysTheFirstByteAndEachStreamedChunk() throws Exception {
		stub.respondWith("one two three").latency(Duration.ofMillis(200)).tokenDelay(Duration.ofMillis(100));

		long started = System.nanoTime();
		post("/v1/chat/completions", chatBody(true, false));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
	}

	@Test
	void rejectsAChatRequestWithoutMessages() throws Exception {
		HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"gpt-test\",\"messages\":[]}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).path("error").path("type").stringValue())
			.isEqualTo("invalid_request_error");
	}

	@Test
	void listsTheConfiguredModels() throws Exception {
		stub.models("gpt-a", "gpt-b").respondForModel("gpt-c", "c");

		HttpResponse<String> response = http.send(request("/v1/models", null).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		JsonNode json = JSON.readTree(response.body());
		assertThat(json.path("data").values()).extracting((model) -> model.path("id").stringValue())
			.containsExactly("gpt-a", "gpt-b", "gpt-c");
	}

	@Test
	void embedsDeterministicallyIntoNormalizedVectorsOfTheConfiguredSize() throws Exception {
		stub.embeddingDimensions(64);
		String body = "{\"model\":\"emb\",\"input\":[\"reset my password\",\"reset my password\",\"billing invoice\"]}";

		JsonNode data = JSON.readTree(post("/v1/embeddings", body).body()).path("data");

		double[] first = vector(data.path(0).path("embedding"));
		double[] second = vector(data.path(1).path("embedding"));
		double[] other = vector(data.path(2).path("embedding"));
		assertThat(first).hasSize(64).containsExactly(second);
		assertThat(dot(first, first)).isCloseTo(1.0, within(1e-5));
		assertThat(dot(first, other)).isLessThan(0.9);
	}

	@Test
	void streamsOllamaChatAsNdjson() throws Exception {
		HttpResponse<String> response = post("/api/chat", chatBody(true, false));

		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
		List<JsonNode> lines = response.body().lines().map(JSON::readTree).toList();
		StringBuilder content = new StringBuilder();
		lines.forEach((line) -> content.append(line.path("message").path("content").stringValue("")));
		assertThat(content.toString()).isEqualTo(ANSWER);
		assertThat(lines.getLast().path("done").booleanValue()).isTrue();
		assertThat(lines.getLast().path("eval_count").intValue()).isEqualTo(13);
	}

	@Test
	void answersTheNextRequestOfferingToolsWithTheScriptedToolCallThenTextAgain() throws Exception {
		stub.respondWith(ANSWER).toolCallNext("customerOrders", "{\"limit\":3}");
		String withTools = """
				{"model":"gpt-test","messages":[{"role":"user","content":"Where is my order?"}],
				 "tools":[{"type":"function","function":{"name":"customerOrders","parameters":{"type":"object"}}}]}""";

		JsonNode plain = JSON.readTree(post("/v1/chat/completions", chatBody(false, false)).body());
		JsonNode call = JSON.readTree(post("/v1/chat/completions", withTools).body());
		JsonNode after = JSON.readTree(post("/v1/chat/completions", withTools).body());
		stub.toolCallNext("customerOrders", "{}");
		String streamed = post("/v1/chat/completions", withTools.replace("\"model\"", "\"stream\":true,\"model\""))
			.body();

		assertThat(plain.path("choices").path(0).path("message").path("content").stringValue()).isEqualTo(ANSWER);
		JsonNode choice = call.path("choices").path(0);
		assertThat(choice.path("finish_reason").stringValue()).isEqualTo("tool_calls");
		JsonNode function = choice.path("message").path("tool_calls").path(0).path("function");
		assertThat(function.path("name").stringValue()).isEqualTo("customerOrders");
		assertThat(function.path("arguments").stringValue()).isEqualTo("{\"limit\":3}");
		assertThat(after.path("choices").path(0).path("message").path("content").stringValue()).isEqualTo(ANSWER);
		List<String> data = dataLines(streamed);
		assertThat(JSON.readTree(data.get(0)).path("choices").path(0).path("delta").path("tool_calls").path(0)
			.path("function").path("name").stringValue()).isEqualTo("customerOrders");
		assertThat(JSON.readTree(data.get(1)).path("choices").path(0).path("finish_reason").stringValue())
			.isEqualTo("tool_calls");
		assertThat(data.getLast()).isEqualTo("[DONE]");
		assertThat(stub.chatRequests().get(1).toolNames()).containsExactly("customerOrders");
	}

	@Test
	void splitsTextIntoPiecesThatConcatenateToTheOriginal() {
		String text = "  Hello,  world.\nNext line\t ";

		assertThat(String.join("", Text.pieces(text))).isEqualTo(text);
		assertThat(Text.pieces("")).isEmpty();
		assertThat(Text.countTokens("Hello, world.")).isEqualTo(4);
	}

	private static HttpResponse<String> post(String path, String body) throws Exception {
		return http.send(request(path, body).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String path, String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
			.header("Authorization", "Bearer sk-test")
			.header("X-Trace", "abc")
			.timeout(Duration.ofSeconds(10));
		return (body != null) ? builder.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)) : builder;
	}

	private static String chatBody(boolean stream, boolean includeUsage) {
		return """
				{"model":"gpt-test","stream":%s,%s"messages":[
				  {"role":"system","content":"You are support."},
				  {"role":"user","content":[{"type":"text","text":"How do I reset my password?"}]}]}
				""".formatted(stream, includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "");
	}

	private static List<String> dataLines(String sse) {
		return sse.lines().filter((line) -> line.startsWith("data: ")).map((line) -> line.substring(6)).toList();
	}

	private static double[] vector(JsonNode array) {
		return array.values().stream().mapToDouble(JsonNode::doubleValue).toArray();
	}

	private static double dot(double[] a, double[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}
}
