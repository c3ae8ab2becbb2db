package org.supportrag.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.supportrag.defaults.testsupport.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer widget and the agent console in a real browser: ingests a small knowledge base into the demo
 * tenant's default knowledge base (the one the widget asks), runs the Playwright scripts of tools/browser-tests
 * against the gateway, then checks in the database what the scripts did through the UI (feedback, labels).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServiceLogsOnFailure.class)
class WidgetInTheBrowserIT {

    static final String ADMIN_KEY = "demo-admin-key";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration BROWSER_TESTS_TIMEOUT = Duration.ofMinutes(8);
    /** The demo tenant's HS256 key for signed end-user identities (X-User-Token) during this run. */
    static final String USER_TOKEN_SECRET = "e2e-end-user-" + java.util.UUID.randomUUID();

    Platform platform;
    HttpClient http;

    @BeforeAll
    void startPlatformAndIngest() throws Exception {
        platform = SharedPlatform.platform();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        configureEndUserTokenKey();
        // Fixed names: a rerun against the same database finds them unchanged instead of piling up copies.
        ingest("default", Map.of("browser-parcel-insurance.md", """
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
    }

    @Test
    void theWidgetAndTheConsoleWorkInChromiumAndWhatPeopleDidThereIsStored() throws Exception {
        Path repo = Platform.repoRoot();
        Path tests = repo.resolve("tools/browser-tests");
        assertThat(tests.resolve("node_modules/playwright-core"))
            .as("playwright-core is not installed: run `npm ci` in tools/browser-tests (bin/test-all does)")
            .isDirectory();
        Path screenshots = repo.resolve("tools/e2e-tests/target/screenshots");
        Files.createDirectories(screenshots);
        try (var old = Files.list(screenshots)) {
            for (Path file : old.toList()) {
                Files.deleteIfExists(file); // only this run's steps
            }
        }
        Path output = repo.resolve("tools/e2e-tests/target/browser-tests.log");
        Path results = repo.resolve("tools/e2e-tests/target/browser-results.json");
        Files.deleteIfExists(results);

        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
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
        boolean exited = node.waitFor(BROWSER_TESTS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(exited).as("browser tests finished within " + BROWSER_TESTS_TIMEOUT + "\n" + log).isTrue();
        assertThat(node.exitValue()).as("node --test exit code\n" + log).isZero();

        JsonNode facts = JSON.readTree(results.toFile());
        assertFeedbackStored(facts.get("feedback"));
        assertLabelStored(facts.get("label"));
        assertStoredOnce(facts.get("feedbackRetried"));
        assertStoredOnce(facts.get("feedbackAfterReload"));
    }

    /** A vote the widget sent again (feedback-retry.test.mjs): one row, however many times it reached eval. */
    private void assertStoredOnce(JsonNode vote) throws SQLException {
        assertThat(vote).as("feedback-retry.test.mjs recorded its vote").isNotNull();
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT rating FROM eval.feedback WHERE message_id = ?::uuid")) {
            query.setString(1, vote.get("messageId").asString());
            List<String> ratings = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ratings.add(rows.getString("rating"));
                }
            }
            assertThat(ratings).containsExactly(vote.get("rating").asString());
        }
    }

    /** The thumbs-down and comment the customer gave in the widget, in eval's table, tied to the turn's trace. */
    private void assertFeedbackStored(JsonNode feedback) throws SQLException {
        assertThat(feedback).as("the browser tests recorded the feedback they gave").isNotNull();
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT tenant_id, conversation_id::text, rating, comment, trace_id FROM eval.feedback WHERE message_id = ?::uuid")) {
            query.setString(1, feedback.get("messageId").asString());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("feedback row for message " + feedback.get("messageId")).isTrue();
                assertThat(row.getString("tenant_id")).isEqualTo("demo");
                assertThat(row.getString("conversation_id")).isEqualTo(feedback.get("conversationId").asString());
                assertThat(row.getString("rating")).isEqualTo("down");
                assertThat(row.getString("comment")).isEqualTo(feedback.get("comment").asString());
                assertThat(row.getString("trace_id")).isEqualTo(feedback.get("traceId").asString()).isNotBlank();
            }
        }
    }

    /** The label the agent saved in the console, in eval's table with the agent's subject and tenant. */
    private void assertLabelStored(JsonNode label) throws SQLException {
        assertThat(label).as("the browser tests recorded the label they saved").isNotNull();
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT tenant_id, conversation_id::text, label, corrected_answer, labelled_by FROM eval.labels WHERE message_id = ?::uuid")) {
            query.setString(1, label.get("messageId").asString());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("label row for message " + label.get("messageId")).isTrue();
                assertThat(row.getString("tenant_id")).isEqualTo("demo");
                assertThat(row.getString("conversation_id")).isEqualTo(label.get("conversationId").asString());
                assertThat(row.getString("label")).isEqualTo("missing_knowledge");
                assertThat(row.getString("corrected_answer")).isEqualTo(label.get("correctedAnswer").asString());
                assertThat(row.getString("labelled_by")).isEqualTo(label.get("labelledBy").asString());
            }
        }
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

    private static Connection connect() throws SQLException {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private void ingest(String knowledgeBase, Map<String, String> files) throws IOException, InterruptedException {
        HttpResponse<String> response = platform.uploadMarkdown(knowledgeBase, files, ADMIN_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("failed").asInt()).as(response.body()).isZero();
    }
}
