package org.supportrag.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops team's view proven against the running platform: a real Prometheus (Debian's package, installed by
 * deploy/local/prometheus.sh when missing) scrapes the five services, with the project's alert rules loaded, while a
 * short workload runs (chat with the stub LLM, a cached answer, a failed model call, an escalation an agent takes
 * over, feedback, an ingestion job, a budget; then more turns once the first are older than a short drift current
 * window, a drift computation and online scoring). Then every query of every dashboard panel is evaluated through Prometheus' HTTP
 * API and must return finite data, every metric a panel reads must exist, no scraped SupportRAG or GenAI series may
 * carry a per-user/conversation/message label, and the chat turn's trace (the gateway's) holds the model span with
 * its gen_ai attributes and no prompt or completion text. The per-panel values go to target/dashboard-values.json.
 */
class DashboardsAgainstARealPrometheusIT {

    static final String WIDGET_KEY = "demo-widget-key";
    static final String ADMIN_KEY = "demo-admin-key";
    static final String ANSWER = "Refunds reach the original payment method within 7 business days [1].";
    /** What Grafana's variables become: every tenant, and a rate window that spans the whole workload. */
    static final String TENANT = ".*";
    static final String RATE_INTERVAL = "5m";
    /** eval-service's drift current window here; the workload's first turns end up in the reference window. */
    static final Duration CURRENT_WINDOW = Duration.ofSeconds(25);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyDashboardPanelShowsDataScrapedFromTheRunningPlatform() throws Exception {
        ObservabilityFiles.ensureTools();
        try (OpenAiStubServer llm = new OpenAiStubServer().respondWith(ANSWER).start();
                OtlpTraceCollector traces = new OtlpTraceCollector();
                Platform platform = new Platform(traces.endpoint(), environment(llm));
                // The shared platform runs on the same database, so its workers may take this workload's queued
                // ingestion items: Prometheus scrapes it as a second replica of every service.
                Prometheus prometheus = Prometheus.start(platform, SharedPlatform.platform())) {
            platform.awaitReady(Duration.ofMinutes(10));
            prometheus.awaitTargetsUp(Duration.ofMinutes(2));

            String turnTrace = workload(platform, llm);
            String failedCallTrace = lastFailedCallTrace;
            // Two more scrapes of the final counters, then one rule evaluation.
            Thread.sleep(4_000);

            List<Map<String, Object>> values = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Set<String> metrics = new LinkedHashSet<>();
            for (Path dashboard : ObservabilityFiles.dashboards()) {
                problems.addAll(ObservabilityFiles.lint(ObservabilityFiles.read(dashboard)));
                for (ObservabilityFiles.Panel panel : ObservabilityFiles.panels(dashboard)) {
                    for (String expr : panel.exprs()) {
                        String query = ObservabilityFiles.substitute(expr, TENANT, RATE_INTERVAL);
                        metrics.addAll(ObservabilityFiles.metrics(query));
                        JsonNode result = prometheus.query(query);
                        List<Map<String, Object>> series = new ArrayList<>();
                        boolean finite = !result.isEmpty();
                        for (JsonNode sample : result) {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("labels", sample.path("metric"));
                            String value = sample.path("value").path(1).asString("");
                            item.put("value", value);
                            series.add(item);
                            finite &= isFinite(value);
                        }
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("dashboard", panel.dashboard());
                        entry.put("panel", panel.title());
                        entry.put("query", query);
                        entry.put("series", series);
                        values.add(entry);
                        if (!finite) {
                            problems.add(panel.dashboard() + " / " + panel.title() + ": no finite data for " + query
                                    + " -> " + result);
                        }
                    }
                }
            }
            for (String metric : metrics) {
                if (prometheus.query("count({__name__=\"" + metric + "\"})").isEmpty()) {
                    problems.add("a panel reads metric " + metric + ", which no service exports");
                }
            }
            Path out = Platform.repoRoot().resolve("tools/e2e-tests/target/dashboard-values.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, ObservabilityFiles.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(Map.of("tenant", TENANT, "rateInterval", RATE_INTERVAL, "panels", values)));

            // No per-request labels on what SupportRAG and the GenAI instrumentation export.
            JsonNode labels = prometheus.get("/api/v1/labels?match[]="
                    + URLEncoder.encode("{__name__=~\"rag_.*|gen_ai_.*\"}", StandardCharsets.UTF_8)).path("data");
            labels.forEach(label -> {
                if (ObservabilityFiles.UNBOUNDED_LABELS.contains(label.asString())) {
                    problems.add("a scraped series carries the unbounded label " + label.asString());
                }
            });
            // The rules load and evaluate against the real metrics without errors.
            JsonNode groups = prometheus.get("/api/v1/rules").path("data").path("groups");
            assertThat(groups.size()).as("rule groups loaded").isGreaterThanOrEqualTo(2);
            groups.forEach(group -> group.path("rules").forEach(rule -> {
                if (rule.path("health").asString("").equals("err")) {
                    problems.add("rule " + rule.path("name").asString() + ": " + rule.path("lastError").asString());
                }
            }));
            assertModelSpan(traces, turnTrace, false);
            assertModelSpan(traces, failedCallTrace, true);
            assertLogsWithTraceIds(traces);

            assertThat(problems).as("see target/dashboard-values.json").isEmpty();
        }
    }

    /** The stub LLM with prices, a fast budget refresh, and drift and online scoring that a short workload fills. */
    private static Map<String, String> environment(OpenAiStubServer llm) {
        Map<String, String> env = new LinkedHashMap<>();
        // Same database as the shared platform: the demo widget key's allowed origins come from the gateway's public
        // URL (a repeatable migration), so this platform announces the shared gateway's, or the browser tests that
        // run on the shared platform afterwards would be refused as a foreign origin.
        env.put("RAG_GATEWAY_PUBLIC_URL", SharedPlatform.platform().gateway());
        env.put("RAG_GENERATION_MODELS_PRIMARY_PROVIDER", "openai");
        env.put("RAG_GENERATION_MODELS_PRIMARY_BASEURL", llm.openAiBaseUrl());
        env.put("RAG_GENERATION_MODELS_PRIMARY_APIKEY", "sk-ops");
        env.put("RAG_GENERATION_MODELS_PRIMARY_MODEL", "stub-model");
        env.put("RAG_GENERATION_MODELS_PRIMARY_PROMPTPRICEPERMILLION", "3");
        env.put("RAG_GENERATION_MODELS_PRIMARY_COMPLETIONPRICEPERMILLION", "15");
        env.put("RAG_TELEMETRY_BUDGET_REFRESH", "2s");
        // Drift over a short workload: turns older than the current window form the reference.
        env.put("RAG_EVAL_DRIFT_CURRENTWINDOW", CURRENT_WINDOW.toSeconds() + "s");
        env.put("RAG_EVAL_DRIFT_REFERENCEWINDOW", "15m");
        env.put("RAG_EVAL_DRIFT_MINSAMPLES", "3");
        env.put("RAG_EVAL_ONLINE_SAMPLE_RATE", "1.0");
        return env;
    }

    private String lastFailedCallTrace = "";

    /** The workload; returns the trace id of the first chat turn. */
    private String workload(Platform platform, OpenAiStubServer llm) throws Exception {
        String kb = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> ingested = platform.uploadMarkdown(kb, Map.of("refunds.md", """
                # Refunds

                ## Refund timing
                Refunds reach the original payment method within 7 business days after the warehouse scans the
                returned parcel. Shipping fees are not refunded.
                """, "passwords.md", """
                # Account access

                ## Resetting your password
                Open the sign-in page and choose "Forgot password". We e-mail a reset link that stays valid for
                60 minutes.
                """), ADMIN_KEY);
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
        HttpResponse<String> budget = send("PUT", platform.gateway() + "/api/v1/budgets", ADMIN_KEY,
                "{\"dailyCostUsd\": 1.0, \"monthlyTokens\": 5000000}");
        assertThat(budget.statusCode()).as(budget.body()).isEqualTo(200);

        JsonNode first = chat(platform, kb, "How long does a refund take?", null);
        String conversation = first.get("conversationId").asString();
        Thread.sleep(1_500);
        JsonNode cached = chat(platform, kb, "how long does a refund take", null);
        assertThat(cached.get("flags").toString()).as("the repeated question is served from the cache")
            .contains("cache_hit");
        Thread.sleep(1_500);
        // A failed model call: the provider answers 500 once, the chain retries.
        llm.failNext(1, 500);
        JsonNode retried = chat(platform, kb, "When will my refund reach my card?", null);
        lastFailedCallTrace = retried.get("traceId").asString();
        Thread.sleep(1_500);
        JsonNode second = chat(platform, kb, "How long is the password reset link valid?", conversation);
        Thread.sleep(1_500);
        HttpResponse<String> escalated = send("POST",
                platform.gateway() + "/api/v1/conversations/" + conversation + "/escalate", WIDGET_KEY,
                "{\"reason\": \"I would like to talk to a person\"}");
        assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
        // Another customer asks for a person and an agent (here an admin key) takes over: a hand-over. Not the
        // first conversation, which goes on with the assistant below.
        String handedOver = retried.get("conversationId").asString();
        HttpResponse<String> escalatedToo = send("POST",
                platform.gateway() + "/api/v1/conversations/" + handedOver + "/escalate", WIDGET_KEY,
                "{\"reason\": \"Please let an agent look at my card\"}");
        assertThat(escalatedToo.statusCode()).as(escalatedToo.body()).isEqualTo(200);
        HttpResponse<String> claimed = send("POST",
                platform.gateway() + "/api/v1/escalations/" + handedOver + "/claim", ADMIN_KEY, "{}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        for (JsonNode turn : List.of(first, second, retried)) {
            HttpResponse<String> feedback = send("POST", platform.gateway() + "/api/v1/feedback", WIDGET_KEY,
                    ObservabilityFiles.JSON.writeValueAsString(Map.of("conversationId",
                            turn.get("conversationId").asString(), "messageId", turn.get("messageId").asString(),
                            "rating", turn == retried ? "down" : "up")));
            assertThat(feedback.statusCode()).as(feedback.body()).isBetween(200, 201);
            // Counters appear with their first increment: a scrape between two thumbs gives their rate.
            Thread.sleep(1_500);
        }
        // A second round a few scrapes later, so rates and quantiles have increments to work with: the counters
        // the first round created (failed model calls, ingestion items and jobs) move again.
        Thread.sleep(3_000);
        llm.failNext(1, 500);
        chat(platform, kb, "Are shipping fees refunded?", null);
        chat(platform, kb, "how long does a refund take?", null);
        // A question the knowledge base cannot answer: a knowledge gap.
        chat(platform, kb, "Can I pay for my labels with seashells from Jupiter?", null);
        HttpResponse<String> more = platform.uploadMarkdown(kb, Map.of("labels.md", """
                # Shipping labels

                ## Printing a label
                Labels print on A4 paper or on 4x6 inch thermal label printers from the shipment page.
                """), ADMIN_KEY);
        assertThat(more.statusCode()).as(more.body()).isEqualTo(200);
        evaluation(platform, kb, conversation);
        return first.get("traceId").asString();
    }

    /**
     * The answer-quality panels: once the turns above are older than the drift current window, a second phase of
     * turns fills the current window; then an admin recomputes drift and scores the live turns (sample rate 1).
     */
    private void evaluation(Platform platform, String kb, String conversation) throws Exception {
        Thread.sleep(CURRENT_WINDOW.plusSeconds(3).toMillis());
        for (String question : List.of("Is the shipping fee refunded when I return a parcel?",
                "How do I reset my password?", "Does the refund go back to my original payment method?")) {
            chat(platform, kb, question, null);
        }
        // A follow-up: a second query rewrite after the first was scraped, so the rewrite stage has a rate too.
        chat(platform, kb, "And when does that link expire?", conversation);
        HttpResponse<String> drift = send("POST", platform.gateway() + "/api/v1/eval/drift/compute", ADMIN_KEY, "{}");
        assertThat(drift.statusCode()).as(drift.body()).isEqualTo(200);
        JsonNode reports = ObservabilityFiles.JSON.readTree(drift.body()).path("reports");
        assertThat(reports.valueStream()
            .filter(report -> report.path("knowledgeBase").asString("").equals(kb))
            .anyMatch(report -> report.path("enoughData").asBoolean(false)))
            .as("a drift report of " + kb + " with both windows filled: " + reports)
            .isTrue();
        HttpResponse<String> scored = send("POST", platform.gateway() + "/api/v1/eval/online/score", ADMIN_KEY, "{}");
        assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
        assertThat(ObservabilityFiles.JSON.readTree(scored.body()).path("scored").asInt(0)).as(scored.body())
            .isPositive();
        // Scrapes of the new gauges.
        Thread.sleep(3_000);
    }

    private JsonNode chat(Platform platform, String kb, String message, String conversation) throws Exception {
        Map<String, String> body = new LinkedHashMap<>(Map.of("message", message, "knowledgeBase", kb));
        if (conversation != null) {
            body.put("conversationId", conversation);
        }
        HttpResponse<String> response = send("POST", platform.gateway() + "/api/v1/chat", WIDGET_KEY,
                ObservabilityFiles.JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ObservabilityFiles.JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String url, String key, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", key)
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The model span of the turn's trace, a child in the same trace, with the GenAI attributes. */
    private static void assertModelSpan(OtlpTraceCollector traces, String traceId, boolean failedFirst)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        List<OtlpTraceCollector.ReceivedSpan> models = List.of();
        while (Instant.now().isBefore(deadline)) {
            models = traces.spansOf(traceId).stream()
                .filter(span -> span.attributes().containsKey("gen_ai.request.model"))
                .toList();
            if (models.size() >= (failedFirst ? 2 : 1)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(models).as("model spans in trace " + traceId).isNotEmpty();
        Set<String> ids = new LinkedHashSet<>();
        traces.spansOf(traceId).forEach(span -> ids.add(span.spanId()));
        // The trace id the chat answered with is the gateway's: its server span is the root of the same trace.
        assertThat(traces.spansOf(traceId)).as("the gateway's request span of trace " + traceId)
            .anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("gateway-service");
                assertThat(span.kind()).isEqualTo("SPAN_KIND_SERVER");
                assertThat(span.parentSpanId()).matches("0*");
            });
        assertThat(models).allSatisfy(span -> {
            assertThat(span.service()).isEqualTo("generation-service");
            assertThat(span.name()).isEqualTo("chat stub-model");
            assertThat(span.parentSpanId()).as("the model span hangs in the turn's trace").isIn(ids);
            assertThat(span.attributes()).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.system", "openai")
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "stub-model")
                .containsEntry("rag.model", "primary")
                .containsKey("error.type");
        });
        assertThat(models).as("a successful call with usage, response model and time to first chunk")
            .anySatisfy(span -> {
                assertThat(span.attributes()).containsEntry("error.type", "none")
                    .containsKeys("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "gen_ai.response.model",
                            "gen_ai.response.time_to_first_chunk");
                assertThat(Long.parseLong(span.attributes().get("gen_ai.usage.input_tokens"))).isPositive();
                assertThat(Long.parseLong(span.attributes().get("gen_ai.usage.output_tokens"))).isPositive();
                assertThat(span.attributes().get("gen_ai.response.model")).isNotBlank();
            });
        if (failedFirst) {
            assertThat(models).as("the failed call").anySatisfy(span -> assertThat(span.attributes().get("error.type"))
                .isNotEqualTo("none"));
        }
        assertThat(models).allSatisfy(span -> assertThat(span.attributes().keySet())
            .as("no prompt or completion content by default")
            .noneMatch(key -> key.contains("prompt") || key.contains("completion") || key.contains("content")));
    }

    /** Logs go out over OTLP carrying the trace id of the request that wrote them; no customer text at INFO. */
    private static void assertLogsWithTraceIds(OtlpTraceCollector traces) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline) && traces.logs().stream()
            .noneMatch(log -> log.service().equals("generation-service") && !log.traceId().isBlank()
                    && !log.traceId().matches("0+"))) {
            Thread.sleep(200);
        }
        assertThat(traces.logs()).as("OTLP log records from generation-service with a trace id")
            .anySatisfy(log -> {
                assertThat(log.service()).isEqualTo("generation-service");
                assertThat(log.traceId()).matches("[0-9a-f]{32}").doesNotMatch("0+");
            });
        assertThat(traces.logs()).as("no customer text in the logs")
            .noneMatch(log -> log.body().contains("How long does a refund take")
                    || log.body().contains("I would like to talk to a person"));
    }

    private static boolean isFinite(String value) {
        try {
            return Double.isFinite(Double.parseDouble(value));
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

    /** Debian's Prometheus, scraping both platforms (two replicas a service) every second with the project's rules. */
    static final class Prometheus implements AutoCloseable {

        private final Process process;
        private final String url;
        private final Path dir;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        private Prometheus(Process process, String url, Path dir) {
            this.process = process;
            this.url = url;
            this.dir = dir;
        }

        static Prometheus start(Platform platform, Platform replica) throws IOException, InterruptedException {
            Path dir = Platform.repoRoot().resolve("tools/e2e-tests/target/prometheus-it");
            Files.createDirectories(dir);
            StringBuilder config = new StringBuilder("""
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files:
                    """);
            for (Path rules : ObservabilityFiles.ruleFiles()) {
                config.append("  - ").append(rules).append('\n');
            }
            config.append("scrape_configs:\n");
            for (String service : Platform.SERVICES) {
                config.append("  - job_name: ").append(service).append("-service\n")
                    .append("    metrics_path: /actuator/prometheus\n")
                    .append(service.equals("gateway") ? "    authorization:\n      credentials: " + ADMIN_KEY + "\n" : "")
                    .append("    static_configs:\n")
                    .append("      - targets: ['").append(platform.url(service).substring("http://".length()))
                    .append("', '").append(replica.url(service).substring("http://".length()))
                    .append("']\n");
            }
            Path file = dir.resolve("prometheus.yml");
            Files.writeString(file, config);
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder("prometheus", "--config.file=" + file,
                    "--storage.tsdb.path=" + dir.resolve("data-" + UUID.randomUUID()),
                    "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
            Prometheus prometheus = new Prometheus(process, "http://127.0.0.1:" + port, dir);
            prometheus.awaitReady();
            return prometheus;
        }

        private void awaitReady() throws InterruptedException {
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Prometheus exited; see " + dir.resolve("prometheus.log"));
                }
                try {
                    HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                }
                catch (IOException ex) {
                    // Not listening yet.
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("Prometheus not ready after 60 s");
        }

        void awaitTargetsUp(Duration timeout) throws Exception {
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                // Each target scraped at least once lately (a loaded machine misses some one-second scrapes).
                JsonNode up = query("count(max_over_time(up{job=~\".+-service\"}[30s]) == 1)");
                if (!up.isEmpty() && up.get(0).path("value").path(1).asString("").equals("10")) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("not all ten targets are scraped: " + get("/api/v1/targets"));
                }
                Thread.sleep(500);
            }
        }

        JsonNode query(String promql) throws Exception {
            JsonNode response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            assertThat(response.path("status").asString()).as(promql + " -> " + response).isEqualTo("success");
            return response.path("data").path("result");
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return ObservabilityFiles.JSON.readTree(response.body());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
