package org.supportrag.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.supportrag.defaults.testsupport.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's path without SQL through a gateway of its own that runs the prod profile on an empty gateway schema,
 * in front of the shared platform's other services: bootstrap with a one-time credential, a tenant and its admin, a widget key for the company's origin (all
 * with ragctl, as an operator would script it), a page ingested and asked about through the widget key from that
 * origin with a cited answer; another origin refused; the key rotated and the old one refused after the overlap; a
 * second tenant sees nothing of the first. The widget itself, pasted into a page on the key's origin, is driven in
 * Chromium by tools/browser-tests/onboarding/own-site.mjs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingOnAFreshProdPlatformIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Dropped and re-created by the gateway on every run: a fresh deployment, whatever ran before. */
    static final String GATEWAY_SCHEMA = "gateway_e2e_prod";
    static final String BOOTSTRAP = "e2e-bootstrap-" + UUID.randomUUID();
    /** The company's site; *.localhost keeps Chromium's local-network rules out of the way (the gateway is local). */
    static final String SITE = "http://acme-shop.localhost";
    static final String OTHER_SITE = "http://evil.localhost";
    static final String QUESTION = "How many days do I have to return shoes?";
    static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(4);
    /** Random: the other services' schemas are shared with earlier runs. */
    /** The data services' schemas, each holding the tenant's rows once it has used the platform. */
    static final List<String> DATA_SCHEMAS = List.of("ingestion", "retrieval", "generation", "eval");
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    OtlpTraceCollector traces;
    Platform platform;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startAFreshProdPlatform() throws Exception {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + GATEWAY_SCHEMA + " CASCADE");
        }
        traces = new OtlpTraceCollector();
        // A gateway of its own in front of the shared platform's other services: they keep no gateway state, so
        // the deployment is as fresh as its gateway schema (their schemas are shared with earlier runs anyway).
        platform = Platform.gatewayFor(SharedPlatform.platform(), traces.endpoint(), List.of(
                "--spring.profiles.active=prod", "--spring.flyway.schemas=" + GATEWAY_SCHEMA,
                "--spring.flyway.default-schema=" + GATEWAY_SCHEMA, "--rag.gateway.bootstrap.credential=" + BOOTSTRAP,
                "--rag.gateway.key-cache-ttl=1s"));
        platform.awaitReady(Duration.parse(System.getProperty("e2e.start.timeout", "PT4M")));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (traces != null) {
            traces.close();
        }
    }

    @Test
    void aCompanyGoesFromAnEmptyDeploymentToItsOwnWidgetAndASecondTenantSeesNothingOfIt() throws Exception {
        assertThat(status(get("/api/v1/admin/tenant", "demo-admin-key"))).as("no demo data in prod").isEqualTo(401);

        String acme = "acme-" + RUN;
        JsonNode bootstrapped = ragctl(BOOTSTRAP, "tenants", "bootstrap", acme, "Acme Inc");
        String acmeAdmin = bootstrapped.path("adminKey").path("key").asString();
        String operator = bootstrapped.path("operatorKey").path("key").asString();
        Ragctl.Result again = Ragctl.run(platform, "--api-key", BOOTSTRAP, "tenants", "bootstrap", "x-" + acme, "X");
        assertThat(again.exitCode()).as("the bootstrap credential works once").isEqualTo(1);
        assertThat(again.out()).contains("401");

        String globex = "globex-" + RUN;
        String globexAdmin = ragctl(operator, "tenants", "create", globex, "Globex").path("adminKey").path("key")
            .asString();

        JsonNode widget = ragctl(acmeAdmin, "keys", "create", "--origin", SITE, "--name", "Website");
        String widgetKey = widget.path("key").asString();
        String widgetId = widget.path("widgetKey").path("id").asString();
        assertThat(widget.path("embedSnippet").asString()).contains("data-key=\"" + widgetKey + "\"");

        HttpResponse<String> job = platform.uploadMarkdown("default", Map.of("acme-returns.md", """
                # Returns at Acme

                ## Return window
                Acme accepts returns of unworn shoes within 61 days of delivery, free of charge.
                """), acmeAdmin);
        assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
        assertThat(JSON.readTree(job.body()).path("status").asString()).isEqualTo("completed");

        HttpResponse<String> answer = chat(widgetKey, SITE, QUESTION);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("answer").asString()).contains("61");
        assertThat(body.path("citations").size()).isPositive();
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
        assertProblem(chat(widgetKey, OTHER_SITE, "Hi"), 403, "origin-not-allowed");
        askInChromium(widget.path("embedSnippet").asString());

        // The second tenant sees nothing of the first in any API.
        HttpResponse<String> search = post("/api/v1/search", globexAdmin,
                "{\"query\":\"return unworn shoes 61 days\",\"knowledgeBase\":\"default\",\"topK\":5}");
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(search.body()).doesNotContain("acme-returns").doesNotContain("61 days");
        assertThat(JSON.readTree(get("/api/v1/admin/widget-keys", globexAdmin).body()).path("widgetKeys").size()).isZero();
        assertThat(get("/api/v1/admin/api-keys", globexAdmin).body()).doesNotContain(acme);
        assertThat(JSON.readTree(get("/api/v1/admin/tenant", globexAdmin).body()).path("id").asString()).isEqualTo(globex);
        assertThat(get("/api/v1/admin/audit-events", globexAdmin).body()).doesNotContain("widget-key:" + widgetId);
        assertProblem(delete("/api/v1/admin/widget-keys/" + widgetId, globexAdmin), 404, "widget-key-not-found");
        assertProblem(get("/api/v1/platform/tenants", globexAdmin), 403, "forbidden");

        JsonNode rotated = ragctl(acmeAdmin, "keys", "rotate", widgetId, "--overlap", "2");
        String newKey = rotated.path("key").asString();
        assertThat(status(chat(newKey, SITE, "Hi"))).isEqualTo(200);
        assertThat(status(chat(widgetKey, SITE, "Hi"))).as("old key within the overlap").isEqualTo(200);
        Thread.sleep(3_500);
        assertProblem(chat(widgetKey, SITE, "Hi"), 401, "invalid-api-key");
        assertThat(status(chat(newKey, SITE, "Hi"))).isEqualTo(200);

        ragctl(operator, "tenants", "suspend", acme);
        Thread.sleep(1_500);
        assertProblem(chat(newKey, SITE, "Hi"), 403, "tenant-suspended");
        ragctl(operator, "tenants", "resume", acme);
        Thread.sleep(1_500);
        assertThat(status(chat(newKey, SITE, "Hi"))).isEqualTo(200);

        // One settings place: each section validated by its owner (a 400 changes nothing), applied without a restart.
        Ragctl.Result invalid = Ragctl.run(platform, "--api-key", acmeAdmin, "settings", "set", "guardrails",
                "{\"caveatBelow\": 7}");
        assertThat(invalid.exitCode()).as(invalid.out()).isEqualTo(1);
        assertThat(invalid.out()).contains("400");
        ragctl(acmeAdmin, "settings", "set", "budgets", "{\"monthlyTokens\": 1000000, \"tier\": \"free\"}");
        ragctl(acmeAdmin, "settings", "set", "guardrails", "{\"bannedTopics\": [\"crypto trading\"]}");
        ragctl(acmeAdmin, "settings", "set", "rateLimits", "{\"widgetKey\": 900}");
        JsonNode settings = ragctl(acmeAdmin, "settings", "show");
        assertThat(settings.path("budgets").path("monthlyTokens").asLong()).isEqualTo(1_000_000L);
        assertThat(settings.path("budgets").path("tier").asString()).isEqualTo("free");
        assertThat(settings.path("guardrails").path("effective").path("bannedTopics").toString()).contains("crypto trading");
        assertThat(settings.path("guardrails").path("effective").path("caveatBelow").asDouble()).isLessThanOrEqualTo(1.0);
        assertThat(settings.path("rateLimits").path("widgetKey").asInt()).isEqualTo(900);
        assertThat(JSON.readTree(get("/api/v1/admin/tenants/" + globex + "/settings", globexAdmin).body())
            .path("budgets").path("tier").asString()).as("globex's own settings").isNotEqualTo("free");
        assertProblem(get("/api/v1/admin/tenants/" + globex + "/settings", acmeAdmin), 404, "tenant-not-found");
        JsonNode invited = ragctl(acmeAdmin, "users", "invite", "ann@acme.example", "--role", "agent");
        assertThat(invited.path("invitation").path("status").asString()).isEqualTo("pending");

        // Deleting the tenant purges its data in every service; its audit trail stays.
        HttpResponse<String> feedback = send(request("/api/v1/feedback", newKey).header("Origin", SITE)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("conversationId",
                    body.path("conversationId").asString(), "messageId", body.path("messageId").asString(),
                    "rating", "up")))));
        assertThat(feedback.statusCode()).as(feedback.body()).isBetween(200, 201);
        for (String schema : DATA_SCHEMAS) {
            assertThat(tenantRows(schema, acme)).as("%s holds acme's data before", schema).isPositive();
        }
        JsonNode deletion = ragctl(operator, "tenants", "delete", acme);
        assertThat(deletion.path("pendingServices").size()).isEqualTo(DATA_SCHEMAS.size());
        JsonNode purge = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            purge = JSON.readTree(get("/api/v1/platform/tenant-deletions/" + acme, operator).body());
            if ("purged".equals(purge.path("status").asString())) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(purge).isNotNull();
        assertThat(purge.path("status").asString()).as(purge.toString()).isEqualTo("purged");
        for (String schema : DATA_SCHEMAS) {
            assertThat(tenantRows(schema, acme)).as("%s holds nothing of acme after", schema).isZero();
        }
        assertThat(tenantRows(GATEWAY_SCHEMA, acme, "audit_events")).as("the audit trail stays").isPositive();
        assertThat(status(get("/api/v1/admin/tenant", globexAdmin))).isEqualTo(200);
    }

    /** Rows of the tenant in every table of the schema with a tenant_id column (except those named). */
    private static long tenantRows(String schema, String tenant, String... only) throws Exception {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            List<String> tables = new java.util.ArrayList<>();
            try (var query = connection.prepareStatement("SELECT table_name FROM information_schema.columns WHERE"
                    + " table_schema = ? AND column_name = 'tenant_id'")) {
                query.setString(1, schema);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            long total = 0;
            for (String table : tables) {
                if (only.length > 0 && !List.of(only).contains(table)) {
                    continue;
                }
                try (var count = connection.prepareStatement(
                        "SELECT count(*) FROM \"" + schema + "\".\"" + table + "\" WHERE tenant_id = ?")) {
                    count.setString(1, tenant);
                    try (var rows = count.executeQuery()) {
                        rows.next();
                        total += rows.getLong(1);
                    }
                }
            }
            return total;
        }
    }

    /** The pasted line on the key's site answers with sources in Chromium; on another site the browser refuses it. */
    private void askInChromium(String snippet) throws Exception {
        Path tests = Platform.repoRoot().resolve("tools/browser-tests");
        assertThat(tests.resolve("node_modules/playwright-core"))
            .as("playwright-core is not installed: run `npm ci` in tools/browser-tests (bin/test-all does)")
            .isDirectory();
        Path output = Platform.repoRoot().resolve("tools/e2e-tests/target/onboarding-browser.log");
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "onboarding/own-site.mjs").directory(tests.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
        builder.environment().putAll(Map.of("GATEWAY_URL", platform.gateway(), "EMBED_SNIPPET", snippet,
                "SITE_ORIGIN", SITE, "OTHER_ORIGIN", OTHER_SITE, "QUESTION", QUESTION, "EXPECTED", "61",
                "SCREENSHOT_DIR", Platform.repoRoot().resolve("tools/e2e-tests/target/screenshots").toString()));
        Process node = builder.start();
        boolean exited = node.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(exited).as("browser test finished within " + BROWSER_TIMEOUT + "\n" + log).isTrue();
        assertThat(node.exitValue()).as("node --test exit code\n" + log).isZero();
    }

    /** Runs ragctl with {@code key} and returns the JSON it printed. */
    private JsonNode ragctl(String key, String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "--api-key";
        command[1] = key;
        System.arraycopy(args, 0, command, 2, args.length);
        Ragctl.Result result = Ragctl.run(platform, command);
        assertThat(result.exitCode()).as(result.out()).isZero();
        return JSON.readTree(result.out());
    }

    private HttpResponse<String> chat(String widgetKey, String origin, String message) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", widgetKey)
            .header("Origin", origin)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("message", message))))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return send(request(path, key).GET());
    }

    private HttpResponse<String> post(String path, String key, String json) throws Exception {
        return send(request(path, key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> delete(String path, String key) throws Exception {
        return send(request(path, key).DELETE());
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create(platform.gateway() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .header("X-Api-Key", key);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("type").asString()).isEqualTo("urn:supportrag:problem:" + type);
    }
}
