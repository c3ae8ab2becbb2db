package org.supportrag.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (not part of {@code make test}; run by {@code bin/bench.d/40-ttft}): time to first token through the
 * gateway at 20 concurrent conversations, with the stub LLM answering at once, so what is measured is the turn's own
 * overhead: gateway (auth, rate limits, proxy), conversation storage, retrieval (query embedding + vector search),
 * guardrails and prompt rendering, the model chain and the provider round trip over HTTP. Writes one JSON object
 * per line to {@code target/bench/ttft.jsonl}.
 */
@EnabledIfSystemProperty(named = "bench.ttft", matches = "true")
class TimeToFirstTokenBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String WIDGET_KEY = "demo-widget-key";
    static final String ADMIN_KEY = "demo-admin-key";
    static final int CONVERSATIONS = Integer.getInteger("bench.ttft.conversations", 20);
    static final int TURNS = Integer.getInteger("bench.ttft.turns", 10);
    static final int WARMUP_TURNS = Integer.getInteger("bench.ttft.warmup", 400);
    /** Pause between a conversation's turns (a customer reading the answer and typing the next question). */
    static final int THINK_MILLIS = Integer.getInteger("bench.ttft.think-ms", 2000);
    static final String[] QUESTIONS = { "How long do refunds take", "Can I return an opened item",
            "How do I reset my password", "When does express shipping arrive", "Which countries do you ship to",
            "How long is the reset link valid", "Do you refund shipping costs", "How do I turn on two-factor" };
    static final String[] CONTEXTS = { "for order %d?", "if I bought it %d days ago?", "on account %d?",
            "for parcel %d?", "(ticket %d)?" };
    static final AtomicInteger QUESTION_NUMBER = new AtomicInteger();
    static final String ANSWER = "Refunds reach your original payment method within 7 business days [1].";
    /** Warm-up ends once the five services together report less compile time than this per second of load. */
    static final double SETTLED_COMPILE_SHARE = Double.parseDouble(
            System.getProperty("bench.ttft.settled-compile-share", "0.10"));
    static final int WARMUP_MAX_SECONDS = Integer.getInteger("bench.ttft.warmup-max-s", 600);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void measuresTimeToFirstTokenAtTwentyConcurrentConversations() throws Exception {
        try (OpenAiStubServer llm = new OpenAiStubServer().respondWith(ANSWER).start();
                // Spans are exported as in production (to a collector); the bench only counts them.
                OtlpTraceCollector traces = new OtlpTraceCollector(false);
                Platform platform = new Platform(traces.endpoint(), Map.of(
                        "RAG_GENERATION_MODELS_PRIMARY_PROVIDER", "openai",
                        "RAG_GENERATION_MODELS_PRIMARY_BASEURL", llm.openAiBaseUrl(),
                        "RAG_GENERATION_MODELS_PRIMARY_APIKEY", "sk-bench",
                        "RAG_GENERATION_MODELS_PRIMARY_MODEL", "stub-model",
                        // Production's pool size (the e2e harness shrinks pools for its many test contexts).
                        "RAG_DB_POOL_SIZE", "10",
                        // Measure the model path: repeated questions would otherwise be served from the cache.
                        "RAG_GENERATION_CACHE_ENABLED", "false",
                        // All conversations come from one address and one key: measure turns, not refusals.
                        "RAG_GATEWAY_RATE_LIMITS_CLIENT_IP", "1000000",
                        "RAG_GATEWAY_RATE_LIMITS_ANONYMOUS", "1000000",
                        "RAG_GATEWAY_RATE_LIMITS_WIDGET_KEY", "1000000"))) {
            platform.awaitReady(Duration.ofMinutes(5));
            String kb = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> upload = platform.uploadMarkdown(kb, documents(), ADMIN_KEY);
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);

            Warmup warmup = warmUp(platform, kb);
            llm.reset().respondWith(ANSWER);
            // 20 customers chatting at once: each reads the answer and types before the next turn.
            Phase paced = measure(platform, traces, () -> run(platform, kb, TURNS, CONVERSATIONS, THINK_MILLIS));
            // The same conversations firing turns back to back: the machine's capacity (queueing for 2 CPUs).
            Phase saturated = measure(platform, traces, () -> run(platform, kb, TURNS, CONVERSATIONS, 0));
            // One turn at a time: the overhead itself, no queueing.
            int sequentialTurns = Math.min(60, TURNS * CONVERSATIONS);
            Phase sequential = measure(platform, traces, () -> run(platform, kb, sequentialTurns, 1, 0));

            for (Phase phase : List.of(paced, saturated, sequential)) {
                assertThat(phase.samples()).allSatisfy(sample -> assertThat(sample.ok()).isTrue());
            }
            assertThat(llm.chatRequests()).as("every turn went through the LLM")
                .hasSize(paced.samples().size() + saturated.samples().size() + sequential.samples().size());
            String lines = result("paced", paced, CONVERSATIONS, THINK_MILLIS, warmup) + "\n"
                    + result("back-to-back", saturated, CONVERSATIONS, 0, warmup) + "\n"
                    + result("one-at-a-time", sequential, 1, 0, warmup) + "\n";
            Path out = Path.of("target/bench/ttft.jsonl");
            Files.createDirectories(out.getParent());
            Files.writeString(out, lines);
            System.out.print(lines);
        }
    }

    /** How the services were warmed up: turns, seconds, and their compile seconds per second when warm-up ended. */
    record Warmup(int turns, double seconds, double compileShare, boolean settled) {
    }

    /**
     * Back-to-back rounds until the services' JIT compilers have settled, as in a service that has run for a
     * while: five fresh JVMs on two CPUs otherwise spend about a third of their CPU compiling for minutes, and a
     * figure taken then measures the compilers, not the turn. Settled: over a round, the five services together
     * reported less than {@code bench.ttft.settled-compile-share} seconds of compile time ({@code
     * jvm.compilation.time}, summed over compiler threads) per second, after at least {@code bench.ttft.warmup}
     * turns; at most {@code bench.ttft.warmup-max-s} seconds. A service whose figure cannot be read keeps it
     * unsettled.
     */
    private Warmup warmUp(Platform platform, String kb) throws Exception {
        long started = System.nanoTime();
        int turns = 0;
        double share = Double.NaN;
        while (true) {
            double compileBefore = compilationMillis(platform);
            long roundStart = System.nanoTime();
            turns += run(platform, kb, 5, CONVERSATIONS, 0).size();
            double roundMillis = (System.nanoTime() - roundStart) / 1e6;
            share = (compilationMillis(platform) - compileBefore) / roundMillis;
            double seconds = (System.nanoTime() - started) / 1e9;
            boolean settled = turns >= WARMUP_TURNS && share < SETTLED_COMPILE_SHARE;
            progress(String.format(Locale.ROOT, "warm-up: %d turns, %.0f s, compile %.3f s/s", turns, seconds,
                    share));
            if (settled || seconds > WARMUP_MAX_SECONDS) {
                return new Warmup(turns, seconds, share, settled);
            }
        }
    }

    /** One line of progress in target/bench/ttft-progress.log (the test's own output is shown only at its end). */
    private static void progress(String line) throws IOException {
        Path log = Path.of("target/bench/ttft-progress.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Compile time of the five services so far. A figure that cannot be read fails the benchmark at once: the
     * warm-up could never settle and would run its maximum for nothing.
     */
    private static double compilationMillis(Platform platform) {
        double total = 0;
        for (String service : Platform.SERVICES) {
            double millis = platform.compilationMillis(service);
            if (millis < 0) {
                throw new IllegalStateException(service + " reports no jvm_compilation_time_ms_total on "
                        + "/actuator/prometheus");
            }
            total += millis;
        }
        return total;
    }

    interface Load {

        List<Sample> run() throws Exception;
    }

    /** A measured load with the CPU each service used and the JIT time spent meanwhile. */
    record Phase(List<Sample> samples, double seconds, Map<String, Double> cpuMillis, double compileMillis,
            long spans) {
    }

    private static Phase measure(Platform platform, OtlpTraceCollector traces, Load load) throws Exception {
        Map<String, Duration> cpuBefore = new LinkedHashMap<>();
        Platform.SERVICES.forEach(service -> cpuBefore.put(service, platform.cpuTime(service)));
        double compileBefore = compilationMillis(platform);
        long spansBefore = traces.received();
        long started = System.nanoTime();
        List<Sample> samples = load.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> cpu = new LinkedHashMap<>();
        Platform.SERVICES.forEach(service -> cpu.put(service,
                platform.cpuTime(service).minus(cpuBefore.get(service)).toNanos() / 1e6));
        // Spans still in the services' export buffers are counted by the next phase (the delay is short).
        return new Phase(samples, seconds, cpu, compilationMillis(platform) - compileBefore,
                traces.received() - spansBefore);
    }

    private static String result(String load, Phase phase, int concurrency, int thinkMillis, Warmup warmup) {
        List<Sample> samples = phase.samples();
        List<Double> ttft = sorted(samples.stream().map(Sample::firstTokenMillis).toList());
        List<Double> total = sorted(samples.stream().map(Sample::totalMillis).toList());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "ttft");
        result.put("path", "gateway /api/v1/chat SSE, stub LLM answering at once");
        result.put("load", load);
        result.put("concurrency", concurrency);
        result.put("think_ms", thinkMillis);
        result.put("turns", samples.size());
        result.put("p50_ms", round(percentile(ttft, 0.50)));
        result.put("p95_ms", round(percentile(ttft, 0.95)));
        result.put("p99_ms", round(percentile(ttft, 0.99)));
        result.put("max_ms", round(ttft.getLast()));
        result.put("total_p50_ms", round(percentile(total, 0.50)));
        result.put("total_p95_ms", round(percentile(total, 0.95)));
        result.put("turns_per_s", round(samples.size() / phase.seconds()));
        // CPU per turn of each service's JVM (PostgreSQL and this load generator not included).
        Map<String, Double> cpu = new LinkedHashMap<>();
        phase.cpuMillis().forEach((service, millis) -> cpu.put(service, round(millis / samples.size())));
        result.put("cpu_ms_per_turn", cpu);
        result.put("jit_ms_per_turn", round(phase.compileMillis() / samples.size()));
        result.put("spans_per_turn", round((double) phase.spans() / samples.size()));
        result.put("warmup_turns", warmup.turns());
        result.put("warmup_s", round(warmup.seconds()));
        result.put("warmup_compile_s_per_s", Math.round(warmup.compileShare() * 1000) / 1000.0);
        result.put("jit_settled", warmup.settled());
        result.put("goal_p95_ms", 100);
        result.put("goal_met", percentile(ttft, 0.95) <= 100);
        return JSON.writeValueAsString(result);
    }

    record Sample(boolean ok, double firstTokenMillis, double totalMillis) {
    }

    private List<Sample> run(Platform platform, String kb, int turns, int conversations, int thinkMillis)
            throws Exception {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                int conversation = c;
                running.add(pool.submit(() -> {
                    String conversationId = null;
                    Random random = new Random(conversation);
                    if (thinkMillis > 0) {
                        // Conversations start spread over one think time, as customers arrive independently.
                        Thread.sleep(random.nextInt(thinkMillis));
                    }
                    for (int t = 0; t < turns; t++) {
                        if (t > 0 && thinkMillis > 0) {
                            Thread.sleep(thinkMillis / 2 + random.nextInt(thinkMillis));
                        }
                        String question = question(conversation + t);
                        Turn turn = turn(platform, kb, question, conversationId);
                        conversationId = turn.conversationId();
                        samples.add(turn.sample());
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        return samples;
    }

    /** Every turn asks something new: repeated questions would hit the query-embedding cache. */
    private static String question(int index) {
        int number = QUESTION_NUMBER.incrementAndGet();
        return QUESTIONS[index % QUESTIONS.length] + " "
                + CONTEXTS[(index / QUESTIONS.length + number) % CONTEXTS.length].formatted(1000 + number * 37);
    }

    record Turn(String conversationId, Sample sample) {
    }

    private Turn turn(Platform platform, String kb, String question, String conversationId) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", question);
        if (conversationId == null) {
            body.put("knowledgeBase", kb);
        }
        else {
            body.put("conversationId", conversationId);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .header("X-Api-Key", WIDGET_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        double firstToken = -1;
        String id = conversationId;
        boolean done = false;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = "";
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                    if (event.equals("token") && firstToken < 0) {
                        firstToken = (System.nanoTime() - start) / 1e6;
                    }
                }
                else if (line.startsWith("data:") && event.equals("meta") && id == null) {
                    JsonNode meta = JSON.readTree(line.substring(5));
                    id = meta.get("conversationId").asString();
                }
                else if (line.startsWith("data:") && event.equals("done")) {
                    done = true;
                }
            }
        }
        double total = (System.nanoTime() - start) / 1e6;
        return new Turn(id, new Sample(response.statusCode() == 200 && done && firstToken >= 0, firstToken, total));
    }

    private static Map<String, String> documents() {
        return Map.of("returns.md", """
                # Returns and refunds

                ## Return window
                Orders can be returned within 45 days of delivery, opened or not. Start a return from the Orders
                page and print the prepaid label.

                ## Refund timing
                Refunds reach the original payment method within 7 business days after the warehouse scans the
                parcel. Shipping costs are refunded when the item arrived damaged.
                """, "shipping.md", """
                # Shipping

                Standard parcels arrive within 4 business days; express parcels arrive the next business day when
                ordered before 2 pm. We ship to every country of the European Union, Norway and Switzerland.
                """, "account.md", """
                # Account access

                ## Resetting your password
                Open the sign-in page and choose "Forgot password". The reset link stays valid for 60 minutes.

                ## Two-factor authentication
                Turn on two-factor authentication under Settings, Security, with any authenticator app.
                """);
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
