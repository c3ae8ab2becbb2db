package org.supportrag.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.supportrag.defaults.testsupport.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of tools/browser-tests, in the IT classes that run them (each class runs its suite with {@link #run()}):
 * Playwright scripts, {@code node --test}, in Debian's Chromium against the shared platform. Every file is in exactly
 * one suite ({@code BrowserSuiteTests} checks it). The platform is prepared once per JVM for all of them: the demo
 * tenant's end-user token key and the documents the widget tests ask about in its default knowledge base. Each suite
 * keeps its own log, screenshots and results in {@code tools/e2e-tests/target/browser-tests/<suite>/}.
 */
enum BrowserSuite {

    /** The widget and the console as they were first tested (WidgetInTheBrowserIT). */
    WIDGET("widget.test.mjs", "escalation.test.mjs", "identity.test.mjs", "resilience.test.mjs", "admin.test.mjs"),
    /** The console's settings, users and prompts pages (ConsoleConfigurationInTheBrowserIT). */
    CONSOLE_CONFIGURATION("configuration.test.mjs"),
    /** Evaluation runs and the product's signals as evaluation data (EvaluationInTheBrowserIT). */
    EVALUATION("eval-runs.test.mjs", "evaluation-signals.test.mjs"),
    /** An answer whose stream broke off, fetched from the conversation; a vote sent again after an outage (AnswerRecoveryInTheBrowserIT). */
    ANSWER_RECOVERY("recovery.test.mjs", "feedback-retry.test.mjs");

    static final String ADMIN_KEY = "demo-admin-key";
    static final Duration TIMEOUT = Duration.ofMinutes(8);
    /** The demo tenant's HS256 key for signed end-user identities (X-User-Token) during this run. */
    static final String USER_TOKEN_SECRET = "e2e-end-user-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static boolean prepared;

    final List<String> files;

    BrowserSuite(String... files) {
        this.files = List.of(files);
    }

    static Path directory() {
        return Platform.repoRoot().resolve("tools/browser-tests");
    }

    /**
     * Runs this suite's files one after another and fails with node's output unless every test passed; returns the
     * facts the scripts recorded ({@code record(...)} in browser.mjs), an empty object if none.
     */
    JsonNode run() throws Exception {
        Platform platform = prepare();
        Path tests = directory();
        assertThat(tests.resolve("node_modules/playwright-core"))
            .as("playwright-core is not installed: run `npm ci` in tools/browser-tests (bin/test-all does)")
            .isDirectory();
        Path target = Platform.repoRoot().resolve("tools/e2e-tests/target/browser-tests")
            .resolve(name().toLowerCase(Locale.ROOT).replace('_', '-'));
        Path screenshots = target.resolve("screenshots");
        Files.createDirectories(screenshots);
        try (var old = Files.list(screenshots)) {
            for (Path file : old.toList()) {
                Files.deleteIfExists(file); // only this run's steps
            }
        }
        Path output = target.resolve("node.log");
        Path results = target.resolve("results.json");
        Files.deleteIfExists(results);

        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
        command.addAll(files);
        ProcessBuilder builder = new ProcessBuilder(command).directory(tests.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
        builder.environment().put("GATEWAY_URL", platform.gateway());
        builder.environment().put("SCREENSHOT_DIR", screenshots.toString());
        builder.environment().put("RESULTS_FILE", results.toString());
        builder.environment().put("RAG_DEMO_PASSWORD", Platform.DEMO_PASSWORD);
        builder.environment().put("TRACE_URL", Platform.TRACE_URL);
        builder.environment().put("USER_TOKEN_SECRET", USER_TOKEN_SECRET);
        Process node = builder.start();
        boolean exited = node.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(exited).as("browser tests finished within " + TIMEOUT + "\n" + log).isTrue();
        assertThat(node.exitValue()).as("node --test exit code\n" + log).isZero();
        return Files.exists(results) ? JSON.readTree(results.toFile()) : JSON.createObjectNode();
    }

    /** The shared platform, prepared for the browser tests by the first suite that runs in this JVM. */
    private static synchronized Platform prepare() throws Exception {
        Platform platform = SharedPlatform.platform();
        if (!prepared) {
            configureEndUserTokenKey();
            // Fixed names: a rerun against the same database finds them unchanged instead of piling up copies.
            ingest(platform, "default", Map.of("browser-parcel-insurance.md", """
                    # Parcel insurance

                    ## Included coverage
                    Every Parcelly shipping label includes parcel insurance worth up to 100 euros per parcel.

                    ## Filing a claim
                    Insurance claims are filed from the Shipments page within 30 days of the delivery date.
                    """, "browser-label-notes.md", """
                    # Label notes

                    ## The sample label note
                    The sample label note reads <img src=x onerror=window.__pwned=1> and \
                    <script>window.__pwned=1</script> exactly as the merchant typed it.
                    """));
            prepared = true;
        }
        return platform;
    }

    /**
     * Signed end users need a key per tenant; the gateway has no admin API for it yet, so the test writes the row
     * the way an operator would (the gateway reads it per request, cached per tenant).
     */
    private static void configureEndUserTokenKey() throws SQLException {
        try (Connection db = connect(); PreparedStatement upsert = db.prepareStatement("""
                INSERT INTO gateway.end_user_token_keys (tenant_id, algorithm, shared_secret) VALUES ('demo', 'HS256', ?)
                ON CONFLICT (tenant_id) DO UPDATE SET algorithm = 'HS256', shared_secret = EXCLUDED.shared_secret,
                    public_key_pem = NULL, jwks_url = NULL, issuer = NULL, audience = NULL, updated_at = now()
                """)) {
            upsert.setString(1, USER_TOKEN_SECRET);
            assertThat(upsert.executeUpdate()).isEqualTo(1);
        }
    }

    static Connection connect() throws SQLException {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private static void ingest(Platform platform, String knowledgeBase, Map<String, String> files)
            throws IOException, InterruptedException {
        HttpResponse<String> response = platform.uploadMarkdown(knowledgeBase, files, ADMIN_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("failed").asInt()).as(response.body()).isZero();
    }
}
