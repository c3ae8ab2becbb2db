package org.supportrag.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.supportrag.defaults.testsupport.TestDatabase;

/**
 * The five services as separate JVMs on random ports, wired to each other over real HTTP and to the test
 * database, exporting spans to a test OTLP receiver.
 */
final class Platform implements AutoCloseable {

    static final String SECRET = "e2e-internal-token-secret-0123456789abcdefgh";
    /** The local profile's demo admin key: admins may read the gateway's metrics like operators. */
    static final String OPERATOR_KEY = "demo-admin-key";
    /** Password of the local profile's console users (agent@demo.local, admin@demo.local) in this run. */
    static final String DEMO_PASSWORD = "e2e-demo-" + java.util.UUID.randomUUID();
    static final List<String> SERVICES = List.of("retrieval", "ingestion", "generation", "eval", "gateway");

    /** Where each service reaches its peers: the relaxed names of the {@code rag.<service>.*-url} properties. */
    static final Map<String, String> PEER_URLS = Map.ofEntries(Map.entry("RAG_GATEWAY_INGESTION_URL", "ingestion"),
            Map.entry("RAG_GATEWAY_RETRIEVAL_URL", "retrieval"), Map.entry("RAG_GATEWAY_GENERATION_URL", "generation"),
            Map.entry("RAG_GATEWAY_EVAL_URL", "eval"), Map.entry("RAG_INGESTION_RETRIEVAL_URL", "retrieval"),
            Map.entry("RAG_INGESTION_GENERATION_URL", "generation"), Map.entry("RAG_GENERATION_RETRIEVAL_URL", "retrieval"),
            Map.entry("RAG_GENERATION_PROMPT_GATE_EVAL_URL", "eval"), Map.entry("RAG_EVAL_GENERATION_URL", "generation"),
            Map.entry("RAG_EVAL_RUNS_CHAT_URL", "generation"), Map.entry("RAG_EVAL_RUNS_RETRIEVAL_URL", "retrieval"));
    /** The trace UI the agent console links trace ids to (never opened; the browser tests check the links). */
    static final String TRACE_URL = "http://traces.invalid/trace/{traceId}";

    private final Path repo;
    private final Path logs;
    /** Where each service answers: the services this platform started, and the ones it borrows. */
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Extra environment for every service (e.g. a stub LLM for generation in benchmarks). */
    private final Map<String, String> extraEnv;
    /** Extra environment for one service, after {@link #extraEnv}. */
    private final Map<String, Map<String, String>> serviceEnv;
    /** Command-line arguments of the gateway: by default the local profile (demo tenant and keys). */
    private final List<String> gatewayArgs;

    Platform(String otlpEndpoint) throws IOException {
        this(otlpEndpoint, Map.of());
    }

    Platform(String otlpEndpoint, Map<String, String> extraEnv) throws IOException {
        this(otlpEndpoint, extraEnv, List.of("--spring.profiles.active=local"));
    }

    /** A platform whose gateway runs with {@code gatewayArgs} instead of the local profile (e.g. a prod gateway). */
    Platform(String otlpEndpoint, Map<String, String> extraEnv, List<String> gatewayArgs) throws IOException {
        this(otlpEndpoint, extraEnv, Map.of(), gatewayArgs, null);
    }

    /**
     * @param serviceEnv extra environment of single services (by name in {@link #SERVICES})
     * @param backends when given, only a gateway is started, in front of these services: the backends hold no
     *                 gateway state and never call a gateway, so a differently configured gateway (e.g. prod on its
     *                 own schema) needs no backends of its own, which saves four JVM starts
     */
    private Platform(String otlpEndpoint, Map<String, String> extraEnv, Map<String, Map<String, String>> serviceEnv,
            List<String> gatewayArgs, Platform backends) throws IOException {
        this.extraEnv = Map.copyOf(extraEnv);
        this.serviceEnv = Map.copyOf(serviceEnv);
        this.gatewayArgs = List.copyOf(gatewayArgs);
        repo = repoRoot();
        logs = repo.resolve("tools/e2e-tests/target/service-logs");
        Files.createDirectories(logs);
        List<String> own = backends == null ? SERVICES : List.of("gateway");
        for (String service : SERVICES) {
            urls.put(service, own.contains(service) ? "http://127.0.0.1:" + freePort() : backends.url(service));
        }
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        for (String service : own) {
            processes.put(service, start(service, db, otlpEndpoint));
        }
    }

    /** Five services with extra environment for single services (e.g. more embedding threads for generation). */
    static Platform withServiceEnv(String otlpEndpoint, Map<String, Map<String, String>> serviceEnv)
            throws IOException {
        return new Platform(otlpEndpoint, Map.of(), serviceEnv, List.of("--spring.profiles.active=local"), null);
    }

    /** Only a gateway with {@code gatewayArgs}, in front of the other services of {@code backends}. */
    static Platform gatewayFor(Platform backends, String otlpEndpoint, List<String> gatewayArgs) throws IOException {
        return new Platform(otlpEndpoint, Map.of(), Map.of(), gatewayArgs, backends);
    }

    String url(String service) {
        return urls.get(service);
    }

    String gateway() {
        return url("gateway");
    }

    /** CPU time (user and system) the service's JVM has used so far, for benchmarks; zero where the OS cannot tell. */
    Duration cpuTime(String service) {
        return processes.get(service).toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * Milliseconds the service's JIT compilers have spent so far ({@code jvm_compilation_time_ms_total} of its
     * Prometheus endpoint), for benchmarks that measure after compilation has settled; -1 when unavailable. The
     * gateway's endpoint wants an operator key (the others are open to the internal network).
     */
    double compilationMillis(String service) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service) + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5))
                .GET();
            if (service.equals("gateway")) {
                request.header("Authorization", "Bearer " + OPERATOR_KEY);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher matcher = COMPILATION_TIME.matcher(response.body());
            return response.statusCode() == 200 && matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static final Pattern COMPILATION_TIME = Pattern
        .compile("(?m)^jvm_compilation_time_ms_total\\{[^}]*} ([0-9.Ee+-]+)$");

    /**
     * Uploads Markdown files through the gateway with an admin key and waits for the ingestion job: the finished job
     * (status 200, with the per-document outcomes and counters), or the upload's own response when it was refused.
     */
    HttpResponse<String> uploadMarkdown(String knowledgeBase, Map<String, String> files, String adminKey)
            throws IOException, InterruptedException {
        String boundary = "e2e" + java.util.UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        files.forEach((name, content) -> body.append("--").append(boundary).append("\r\n")
            .append("Content-Disposition: form-data; name=\"files\"; filename=\"").append(name).append("\"\r\n")
            .append("Content-Type: text/markdown\r\n\r\n")
            .append(content)
            .append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        HttpResponse<String> accepted = http.send(HttpRequest
            .newBuilder(URI.create(gateway() + "/api/v1/knowledge-bases/" + knowledgeBase + "/documents"))
            .timeout(Duration.ofMinutes(2))
            .header("X-Api-Key", adminKey)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), java.nio.charset.StandardCharsets.UTF_8))
            .build(), HttpResponse.BodyHandlers.ofString());
        return accepted.statusCode() == 202 ? awaitJob(accepted, adminKey, Duration.ofMinutes(3)) : accepted;
    }

    /** Polls the job an upload answered with (its {@code Location}) until it is completed or cancelled. */
    HttpResponse<String> awaitJob(HttpResponse<String> accepted, String adminKey, Duration timeout)
            throws IOException, InterruptedException {
        String location = accepted.headers().firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("202 without Location: " + accepted.body()));
        URI job = URI.create(gateway()).resolve(location);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(job)
                .timeout(Duration.ofSeconds(30))
                .header("X-Api-Key", adminKey)
                .header("Accept", "application/json")
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
            String status = response.statusCode() == 200
                    ? tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).path("status").asString("")
                    : "";
            if (response.statusCode() != 200 || status.equals("completed") || status.equals("cancelled")) {
                return response;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("ingestion job not finished after " + timeout + ": " + response.body());
            }
            Thread.sleep(200);
        }
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (String service : processes.keySet()) {
            while (!ready(service)) {
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new IllegalStateException(service + " exited with " + process.exitValue() + "\n" + tail(service));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service + " not ready after " + timeout + "\n" + tail(service));
                }
                Thread.sleep(250);
            }
        }
    }

    private boolean ready(String service) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url(service) + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String tail(String service) {
        try {
            List<String> lines = Files.readAllLines(logs.resolve(service + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    private Process start(String service, TestDatabase.Coordinates db, String otlpEndpoint) throws IOException {
        Path jar = repo.resolve(service + "-service/target/" + service + "-service-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": run the build (mvn package) before the e2e tests");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions(service));
        command.addAll(List.of("-jar", jar.toString()));
        if (service.equals("gateway")) {
            command.addAll(gatewayArgs);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(logs.resolve(service + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("RAG_DB_URL", db.jdbcUrl());
        env.put("RAG_DB_USER", db.username());
        env.put("RAG_DB_PASSWORD", db.password());
        env.put("RAG_DB_POOL_SIZE", "4");
        env.put("RAG_INTERNAL_TOKEN_SECRET", SECRET);
        env.put("RAG_" + service.toUpperCase() + "_PORT", String.valueOf(URI.create(url(service)).getPort()));
        PEER_URLS.forEach((variable, peer) -> env.put(variable, url(peer)));
        env.put("RAG_GATEWAY_PUBLIC_URL", gateway());
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
        env.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms");
        env.put("RAG_DEMO_PASSWORD", DEMO_PASSWORD);
        env.put("RAG_GATEWAY_CONSOLE_TRACE_URL", TRACE_URL);
        env.remove("JAVA_TOOL_OPTIONS");
        env.putAll(extraEnv);
        env.putAll(serviceEnv.getOrDefault(service, Map.of()));
        return builder.start();
    }

    /**
     * Tests start fast (C1 only, serial GC, small heap); a benchmark passes {@code -De2e.jvm.options=...} to run the
     * services the way production does (full JIT). {@code {service}} in the options is replaced by the service name
     * (e.g. a flight recording per service).
     */
    private static List<String> jvmOptions(String service) {
        String configured = System.getProperty("e2e.jvm.options", "").strip();
        if (configured.isEmpty()) {
            return List.of("-Xms64m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        }
        return List.of(configured.replace("{service}", service).split("\\s+"));
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (InterruptedException ex) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Path repoRoot() {
        String fromEnv = System.getenv("RAG_REPO_ROOT");
        Path start = fromEnv != null ? Path.of(fromEnv) : Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("gateway-service")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root from " + start);
    }
}
