package org.supportrag.stub.openai;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.supportrag.openai.wire.ChatCompletionChunk;
import org.supportrag.openai.wire.Usage;

/**
 * A real HTTP server speaking the OpenAI Chat Completions API (plus {@code /v1/models}, {@code /v1/embeddings}
 * and Ollama's {@code /api/chat}) with scripted answers, latency and faults.
 *
 * <p>
 * {@link #baseUrl()} is the server root; OpenAI clients that expect the API root (Spring AI 2 /
 * {@code openai-java}: {@code spring.ai.openai.base-url}) must use {@link #openAiBaseUrl()}, which appends
 * {@code /v1}. Ollama clients use {@link #baseUrl()}. All scripting methods are thread-safe, return {@code this}
 * and apply to requests that arrive after the call; call {@link #reset()} between tests.
 *
 * <p>
 * Usage is counted naively: a token is a run of letters/digits or a single other non-space character. Prompt
 * tokens are counted over all message contents, completion tokens over the answer.
 */
public final class OpenAiStubServer implements AutoCloseable {

	public static final String DEFAULT_ANSWER = "This is a stub answer.";

	public static final String DEFAULT_MODEL = "stub-model";

	public static final int DEFAULT_EMBEDDING_DIMENSIONS = 384;

	/** How long {@link #timeoutNext(int)} holds a request before dropping the connection. */
	public static final Duration TIMEOUT_HOLD_CAP = Duration.ofSeconds(60);

	/** Scripts faults over HTTP (see {@code faults}). */
	public static final String FAULTS_PATH = "/_stub/faults";

	/** Benchmarks open many connections at once; the OS default backlog can refuse some. */
	private static final int BACKLOG = 1024;

	private final String host;

	private final int requestedPort;

	private final CountDownLatch closing = new CountDownLatch(1);

	private final AtomicLong ids = new AtomicLong();

	// Newest last; bounded so a long-running stub (load runs, soaks) keeps a fixed footprint.
	private final java.util.Deque<RecordedRequest> requests = new java.util.concurrent.ConcurrentLinkedDeque<>();

	private final AtomicLong recorded = new AtomicLong();

	private volatile int recordLimit = Integer.MAX_VALUE;

	private final Map<String, String> modelAnswers = new ConcurrentHashMap<>();

	private volatile Function<ChatRequest, String> responder = (request) -> DEFAULT_ANSWER;

	private volatile List<String> models = List.of(DEFAULT_MODEL);

	private volatile Duration tokenDelay = Duration.ZERO;

	private volatile Duration latency = Duration.ZERO;

	private volatile int embeddingDimensions = DEFAULT_EMBEDDING_DIMENSIONS;

	private volatile boolean reportUsage = true;

	static {
		// The JDK server leaves Nagle's algorithm on: a streamed chunk written right after the response headers then
		// waits for the client's delayed ACK (40 ms on Linux), which a provider answering at once would not add. Read
		// once, when the JDK's server configuration loads; set here unless the JVM was started with a value.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final Object faultLock = new Object();

	private int failuresLeft;

	private int failureStatus;

	private int timeoutsLeft;

	private int cutAfter = -1;

	private int cutsLeft;

	private final java.util.Deque<ToolCall> toolCalls = new java.util.concurrent.ConcurrentLinkedDeque<>();

	private @Nullable HttpServer server;

	private @Nullable ExecutorService executor;

	/** A server on a random free port of 127.0.0.1. */
	public OpenAiStubServer() {
		this(0);
	}

	/** A server on 127.0.0.1 and the given port ({@code 0} for a random free one). */
	public OpenAiStubServer(int port) {
		this("127.0.0.1", port);
	}

	public OpenAiStubServer(String host, int port) {
		this.host = host;
		this.requestedPort = port;
	}

	public synchronized OpenAiStubServer start() {
		if (this.server != null) {
			throw new IllegalStateException("Already started");
		}
		try {
			HttpServer httpServer = HttpServer.create(new InetSocketAddress(this.host, this.requestedPort), BACKLOG);
			this.executor = Executors.newVirtualThreadPerTaskExecutor();
			httpServer.setExecutor(this.executor);
			httpServer.createContext("/", this::handle);
			httpServer.start();
			this.server = httpServer;
			return this;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot bind " + this.host + ":" + this.requestedPort, ex);
		}
	}

	public int port() {
		HttpServer httpServer = this.server;
		if (httpServer == null) {
			throw new IllegalStateException("Not started");
		}
		return httpServer.getAddress().getPort();
	}

	/** The server root, e.g. {@code http://127.0.0.1:PORT}, without {@code /v1}. */
	public String baseUrl() {
		return "http://" + this.host + ":" + port();
	}

	/** The OpenAI API root, {@code baseUrl() + "/v1"}. */
	public String openAiBaseUrl() {
		return baseUrl() + "/v1";
	}

	/** Answers every chat request with this text (unless a per-model answer matches). */
	public OpenAiStubServer respondWith(String answer) {
		Objects.requireNonNull(answer, "answer");
		return respondWith((request) -> answer);
	}

	/** Computes the answer per request; an exception becomes a 500 response. */
	public OpenAiStubServer respondWith(Function<ChatRequest, String> responder) {
		this.responder = Objects.requireNonNull(responder, "responder");
		return this;
	}

	/** Answers requests for {@code model} with {@code answer}; wins over {@link #respondWith}. */
	public OpenAiStubServer respondForModel(String model, String answer) {
		this.modelAnswers.put(model, answer);
		return this;
	}

	/** The names listed by {@code GET /v1/models}, in addition to those given to {@link #respondForModel}. */
	public OpenAiStubServer models(String... names) {
		this.models = List.of(names);
		return this;
	}

	/** Pause before each streamed content chunk. Non-streaming answers are not delayed by it. */
	public OpenAiStubServer tokenDelay(Duration delay) {
		this.tokenDelay = Objects.requireNonNull(delay, "delay");
		return this;
	}

	/** Pause before the first byte of every successful chat or embeddings response. */
	public OpenAiStubServer latency(Duration latency) {
		this.latency = Objects.requireNonNull(latency, "latency");
		return this;
	}

	/**
	 * Whether chat responses carry token usage (default true). Without it, JSON answers have no {@code usage}
	 * member, streams no usage chunk even when asked for one, and Ollama's final message no token counts, like
	 * providers that report nothing.
	 */
	public OpenAiStubServer reportUsage(boolean report) {
		this.reportUsage = report;
		return this;
	}

	/** Default vector size of {@code /v1/embeddings}; a request's {@code dimensions} wins. */
	public OpenAiStubServer embeddingDimensions(int dimensions) {
		if (dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be positive");
		}
		this.embeddingDimensions = dimensions;
		return this;
	}

	/** The next {@code n} chat or embeddings requests fail with {@code status} and an OpenAI error body. */
	public OpenAiStubServer failNext(int n, int status) {
		if (n < 0 || status < 400 || status > 599) {
			throw new IllegalArgumentException("n must not be negative and status must be 4xx or 5xx");
		}
		synchronized (this.faultLock) {
			this.failuresLeft = n;
			this.failureStatus = status;
		}
		return this;
	}

	/**
	 * The next {@code n} chat or embeddings requests get no response: the stub holds them until the client gives
	 * up, the server closes or {@link #TIMEOUT_HOLD_CAP} passes, then drops the connection. Timeouts are served
	 * before {@link #failNext} failures.
	 */
	public OpenAiStubServer timeoutNext(int n) {
		if (n < 0) {
			throw new IllegalArgumentException("n must not be negative");
		}
		synchronized (this.faultLock) {
			this.timeoutsLeft = n;
		}
		return this;
	}

	/**
	 * The next streaming chat response sends at most {@code chunks} content chunks after the role chunk, then
	 * drops the connection without a final chunk or {@code [DONE]}.
	 */
	public OpenAiStubServer cutStreamAfter(int chunks) {
		if (chunks < 0) {
			throw new IllegalArgumentException("chunks must not be negative");
		}
		return cutStreamsAfter(1, chunks);
	}

	/** Like {@link #cutStreamAfter(int)} for the next {@code n} streaming chat responses. */
	public OpenAiStubServer cutStreamsAfter(int n, int chunks) {
		if (n < 0 || chunks < 0) {
			throw new IllegalArgumentException("n and chunks must not be negative");
		}
		synchronized (this.faultLock) {
			this.cutsLeft = n;
			this.cutAfter = chunks;
		}
		return this;
	}

	/**
	 * The next chat request that offers tools ({@code "tools"} in its body) is answered with a call of tool
	 * {@code name} with {@code argumentsJson} instead of text (finish reason {@code tool_calls}); the client's
	 * follow-up request with the tool result gets the normal answer. Queued calls are served one per request.
	 */
	public OpenAiStubServer toolCallNext(String name, String argumentsJson) {
		this.toolCalls.add(new ToolCall(Objects.requireNonNull(name, "name"),
				Objects.requireNonNull(argumentsJson, "argumentsJson")));
		return this;
	}

	/**
	 * Keeps only the newest {@code limit} requests in {@link #requests()} (default: all); the standalone stub keeps
	 * a few, since a load run sends hundreds of thousands.
	 */
	public OpenAiStubServer recordLimit(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("recordLimit must be >= 0");
		}
		this.recordLimit = limit;
		trimRecorded();
		return this;
	}

	/**
	 * Every request received since start or the last {@link #reset()}, in arrival order (the newest ones, past the
	 * record limit).
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** The valid chat requests among {@link #requests()}. */
	public List<ChatRequest> chatRequests() {
		return this.requests.stream().map(RecordedRequest::chat).filter(Objects::nonNull).toList();
	}

	/** Forgets recorded requests and restores the default answer, models, delays and faults. */
	public OpenAiStubServer reset() {
		this.requests.clear();
		this.recorded.set(0);
		this.recordLimit = Integer.MAX_VALUE;
		this.modelAnswers.clear();
		this.responder = (request) -> DEFAULT_ANSWER;
		this.models = List.of(DEFAULT_MODEL);
		this.tokenDelay = Duration.ZERO;
		this.latency = Duration.ZERO;
		this.embeddingDimensions = DEFAULT_EMBEDDING_DIMENSIONS;
		this.reportUsage = true;
		synchronized (this.faultLock) {
			this.failuresLeft = 0;
			this.timeoutsLeft = 0;
			this.cutAfter = -1;
			this.cutsLeft = 0;
		}
		this.toolCalls.clear();
		return this;
	}

	@Override
	public synchronized void close() {
		this.closing.countDown();
		if (this.server != null) {
			this.server.stop(0);
		}
		if (this.executor != null) {
			// Interrupts streams sleeping between chunks.
			this.executor.shutdownNow();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			route(exchange);
			exchange.close();
		}
		catch (StreamCut ex) {
			// Escaping the handler makes the JDK server drop the connection without the terminating chunk.
			throw ex;
		}
		catch (RuntimeException ex) {
			if (exchange.getResponseCode() == -1) {
				sendJson(exchange, 500, Payloads.openAiError(500, "Stub failure: " + ex));
				exchange.close();
			}
			else {
				throw ex;
			}
		}
	}

	private void record(RecordedRequest request) {
		if (this.recordLimit == 0) {
			return;
		}
		this.requests.addLast(request);
		this.recorded.incrementAndGet();
		trimRecorded();
	}

	private void trimRecorded() {
		while (this.recorded.get() > this.recordLimit && this.requests.pollFirst() != null) {
			this.recorded.decrementAndGet();
		}
	}

	private void route(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		boolean ollama = path.equals("/api/chat");
		boolean chatPath = ollama || path.equals("/v1/chat/completions");
		JsonNode json = parseJson(body);
		ChatRequest chat = (chatPath && json != null) ? ChatRequest.parse(json, body, ollama) : null;
		record(new RecordedRequest(method, path, headers(exchange), body, chat));

		if (path.equals(FAULTS_PATH)) {
			faults(exchange);
			return;
		}
		String expectedMethod = path.equals("/v1/models") ? "GET" : "POST";
		if (!chatPath && !path.equals("/v1/models") && !path.equals("/v1/embeddings")) {
			sendJson(exchange, 404, Payloads.openAiError(404, "Unknown path " + path));
		}
		else if (!method.equals(expectedMethod)) {
			exchange.getResponseHeaders().set("Allow", expectedMethod);
			sendJson(exchange, 405, Payloads.openAiError(405, "Use " + expectedMethod + " for " + path));
		}
		else if (path.equals("/v1/models")) {
			sendJson(exchange, 200, Payloads.models(modelNames()));
		}
		else if (json == null || (chatPath && chat == null)) {
			String message = chatPath ? "Body must be JSON with 'model' and non-empty 'messages'"
					: "Body must be JSON";
			sendJson(exchange, 400, ollama ? Payloads.ollamaError(message) : Payloads.openAiError(400, message));
		}
		else if (chat != null) {
			chat(exchange, chat, ollama);
		}
		else {
			embeddings(exchange, json);
		}
	}

	private void chat(HttpExchange exchange, ChatRequest request, boolean ollama) throws IOException {
		Fault fault = takeFault(request.stream());
		if (fault.timeout()) {
			hold();
			return;
		}
		if (fault.status() > 0) {
			String message = "Scripted stub failure (HTTP " + fault.status() + ")";
			sendJson(exchange, fault.status(),
					ollama ? Payloads.ollamaError(message) : Payloads.openAiError(fault.status(), message));
			return;
		}
		if (!ollama && !request.toolNames().isEmpty()) {
			ToolCall toolCall = this.toolCalls.poll();
			if (toolCall != null) {
				toolCall(exchange, request, toolCall);
				return;
			}
		}
		String answer = this.modelAnswers.get(request.model());
		if (answer == null) {
			answer = Objects.requireNonNull(this.responder.apply(request), "responder returned null");
		}
		Usage usage = this.reportUsage ? Payloads.usage(request, answer) : null;
		long started = System.nanoTime();
		sleep(this.latency);
		String id = "chatcmpl-stub-" + this.ids.incrementAndGet();
		long created = System.currentTimeMillis() / 1000;
		String model = request.model();
		if (!request.stream()) {
			sendJson(exchange, 200, ollama ? Payloads.ollamaDone(model, answer, usage, System.nanoTime() - started)
					: Payloads.completion(id, created, model, answer, usage));
			return;
		}
		List<String> pieces = Text.pieces(answer);
		if (ollama) {
			startStream(exchange, "application/x-ndjson");
			streamPieces(exchange, pieces, fault.cutAfter(),
					(piece) -> ndjson(Payloads.ollamaMessage(model, piece, false)));
			writeEvent(exchange, ndjson(Payloads.ollamaDone(model, "", usage, System.nanoTime() - started)));
			return;
		}
		boolean withUsage = request.includeUsage() && usage != null;
		startStream(exchange, "text/event-stream");
		writeEvent(exchange, sse(Payloads.chunk(id, created, model, "assistant", "", null, withUsage)));
		streamPieces(exchange, pieces, fault.cutAfter(),
				(piece) -> sse(Payloads.chunk(id, created, model, null, piece, null, withUsage)));
		writeEvent(exchange, sse(Payloads.chunk(id, created, model, null, null, "stop", withUsage)));
		if (withUsage) {
			writeEvent(exchange, sse(Payloads.usageChunk(id, created, model, Objects.requireNonNull(usage))));
		}
		writeEvent(exchange, ChatCompletionChunk.DONE);
	}

	private void toolCall(HttpExchange exchange, ChatRequest request, ToolCall call) throws IOException {
		Usage usage = Payloads.usage(request, call.arguments());
		sleep(this.latency);
		String id = "chatcmpl-stub-" + this.ids.incrementAndGet();
		String callId = "call_stub_" + this.ids.get();
		long created = System.currentTimeMillis() / 1000;
		String model = request.model();
		if (!request.stream()) {
			sendJson(exchange, 200,
					Payloads.toolCallCompletion(id, created, model, callId, call.name(), call.arguments(), usage));
			return;
		}
		boolean withUsage = request.includeUsage();
		startStream(exchange, "text/event-stream");
		writeEvent(exchange, sse(Payloads.toolCallChunk(id, created, model, callId, call.name(), call.arguments(),
				withUsage)));
		writeEvent(exchange, sse(Payloads.chunk(id, created, model, null, null, "tool_calls", withUsage)));
		if (withUsage) {
			writeEvent(exchange, sse(Payloads.usageChunk(id, created, model, usage)));
		}
		writeEvent(exchange, ChatCompletionChunk.DONE);
	}

	private void embeddings(HttpExchange exchange, JsonNode json) throws IOException {
		List<String> inputs = embeddingInputs(json.path("input"));
		if (inputs.isEmpty()) {
			sendJson(exchange, 400, Payloads.openAiError(400, "'input' must be a string or an array"));
			return;
		}
		Fault fault = takeFault(false);
		if (fault.timeout()) {
			hold();
			return;
		}
		if (fault.status() > 0) {
			sendJson(exchange, fault.status(),
					Payloads.openAiError(fault.status(), "Scripted stub failure (HTTP " + fault.status() + ")"));
			return;
		}
		sleep(this.latency);
		int dimensions = json.path("dimensions").intValue(this.embeddingDimensions);
		boolean base64 = "base64".equals(json.path("encoding_format").stringValue("float"));
		String model = json.path("model").stringValue(DEFAULT_MODEL);
		sendJson(exchange, 200, Payloads.embeddings(model, inputs, Math.max(1, dimensions), base64));
	}

	/** Strings, or token-id arrays (embedded as their numbers' text), one or many. */
	private static List<String> embeddingInputs(JsonNode input) {
		if (input.isString()) {
			return List.of(input.stringValue());
		}
		if (!input.isArray() || input.isEmpty()) {
			return List.of();
		}
		if (input.get(0).isNumber()) {
			return List.of(input.toString());
		}
		List<String> inputs = new ArrayList<>();
		for (JsonNode item : input.values()) {
			inputs.add(item.isString() ? item.stringValue() : item.toString());
		}
		return inputs;
	}

	private List<String> modelNames() {
		Set<String> names = new LinkedHashSet<>(this.models);
		names.addAll(this.modelAnswers.keySet());
		return List.copyOf(names);
	}

	/**
	 * {@code POST /_stub/faults?fail=N&status=S&timeouts=N&cuts=N&cut-after=K&latency-ms=L}: scripts faults from
	 * outside the process (bin/faults runs the stub standalone); each parameter left out keeps its setting. Answers
	 * the faults still pending. {@code GET} only reads them.
	 */
	private void faults(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		if (!method.equals("POST") && !method.equals("GET")) {
			exchange.getResponseHeaders().set("Allow", "GET, POST");
			sendJson(exchange, 405, Payloads.openAiError(405, "Use GET or POST for " + FAULTS_PATH));
			return;
		}
		Map<String, String> query = new java.util.HashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw != null && method.equals("POST")) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					query.put(pair.substring(0, eq), pair.substring(eq + 1));
				}
			}
		}
		try {
			if (query.containsKey("fail")) {
				failNext(Integer.parseInt(query.getOrDefault("fail", "0")), Integer.parseInt(query.getOrDefault("status", "503")));
			}
			if (query.containsKey("timeouts")) {
				timeoutNext(Integer.parseInt(query.getOrDefault("timeouts", "0")));
			}
			if (query.containsKey("cuts")) {
				cutStreamsAfter(Integer.parseInt(query.getOrDefault("cuts", "0")), Integer.parseInt(query.getOrDefault("cut-after", "3")));
			}
			if (query.containsKey("latency-ms")) {
				latency(Duration.ofMillis(Long.parseLong(query.getOrDefault("latency-ms", "0"))));
			}
		}
		catch (IllegalArgumentException ex) {
			sendJson(exchange, 400, Payloads.openAiError(400, "Bad fault parameters: " + ex.getMessage()));
			return;
		}
		synchronized (this.faultLock) {
			sendJson(exchange, 200, Map.of("failuresLeft", this.failuresLeft, "failureStatus", this.failureStatus,
					"timeoutsLeft", this.timeoutsLeft, "cutsLeft", this.cutsLeft, "latencyMs", this.latency.toMillis()));
		}
	}

	private Fault takeFault(boolean stream) {
		synchronized (this.faultLock) {
			if (this.timeoutsLeft > 0) {
				this.timeoutsLeft--;
				return new Fault(true, 0, -1);
			}
			if (this.failuresLeft > 0) {
				this.failuresLeft--;
				return new Fault(false, this.failureStatus, -1);
			}
			int cut = -1;
			if (stream && this.cutsLeft > 0) {
				cut = this.cutAfter;
				this.cutsLeft--;
			}
			return new Fault(false, 0, cut);
		}
	}

	/** Returning without response headers makes the JDK server close the connection. */
	private void hold() throws InterruptedIOException {
		try {
			this.closing.await(TIMEOUT_HOLD_CAP.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Server closing");
		}
	}

	private void streamPieces(HttpExchange exchange, List<String> pieces, int cutAfter,
			Function<String, String> event) throws IOException {
		for (int i = 0; i < pieces.size(); i++) {
			if (i == cutAfter) {
				throw new StreamCut();
			}
			sleep(this.tokenDelay);
			writeEvent(exchange, event.apply(pieces.get(i)));
		}
		if (cutAfter >= 0) {
			throw new StreamCut();
		}
	}

	private static void startStream(HttpExchange exchange, String contentType) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
	}

	private static void writeEvent(HttpExchange exchange, String event) throws IOException {
		OutputStream body = exchange.getResponseBody();
		body.write(event.getBytes(StandardCharsets.UTF_8));
		body.flush();
	}

	private static void sendJson(HttpExchange exchange, int status, Object json) throws IOException {
		byte[] bytes = Payloads.JSON.writeValueAsBytes(json);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static String sse(Object json) {
		return "data: " + Payloads.JSON.writeValueAsString(json) + "\n\n";
	}

	private static String ndjson(JsonNode json) {
		return Payloads.JSON.writeValueAsString(json) + "\n";
	}

	private static @Nullable JsonNode parseJson(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			JsonNode json = Payloads.JSON.readTree(body);
			return json.isObject() ? json : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Map<String, List<String>> headers(HttpExchange exchange) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		return headers;
	}

	private static void sleep(Duration duration) throws InterruptedIOException {
		if (duration.isPositive()) {
			try {
				Thread.sleep(duration);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("Server closing");
			}
		}
	}

	/** A scripted tool call, see {@link #toolCallNext}. */
	private record ToolCall(String name, String arguments) {
	}

	/** A scripted fault for one request; {@code cutAfter} is {@code -1} for a complete stream. */
	private record Fault(boolean timeout, int status, int cutAfter) {
	}

	/** Thrown out of the handler to drop a stream mid-way. */
	private static final class StreamCut extends RuntimeException {

		StreamCut() {
			super("Scripted stream cut", null, false, false);
		}
	}
}
