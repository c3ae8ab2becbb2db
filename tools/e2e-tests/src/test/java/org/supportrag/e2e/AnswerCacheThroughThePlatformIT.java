package org.supportrag.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The semantic answer cache across the real services: a repeated question is answered from generation's cache,
 * and re-ingesting the cited document makes ingestion report the change (outbox, {@code POST
 * /api/v1/cache/document-changes}) so generation drops the cached answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServiceLogsOnFailure.class)
class AnswerCacheThroughThePlatformIT {

    static final String WIDGET_KEY = "demo-widget-key";
    static final String ADMIN_KEY = "demo-admin-key";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String QUESTION = "How long does a refund take?";

    Platform platform;
    HttpClient http;
    String knowledgeBase;

    @BeforeAll
    void startPlatform() {
        platform = SharedPlatform.platform();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        knowledgeBase = "e2e-cache-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void servesARepeatedQuestionFromTheCacheUntilIngestionReportsTheCitedDocumentChanged() throws Exception {
        ingest(refunds("7 business days"));
        JsonNode first = ask(QUESTION);
        assertThat(first.get("answer").asString()).contains("7 business days");
        assertThat(first.get("flags").toString()).doesNotContain("cache_hit");

        JsonNode second = ask("how long does a refund take");
        assertThat(second.get("flags").toString()).contains("cache_hit");
        assertThat(second.get("answer").asString()).isEqualTo(first.get("answer").asString());
        assertThat(cachedAnswers()).isEqualTo(1);

        ingest(refunds("10 business days"));

        // Ingestion reports the change after retrieval swapped the chunks (outbox): the entry goes away.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (cachedAnswers() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(cachedAnswers()).as("cached answers citing the changed document").isZero();
        JsonNode afterChange = ask(QUESTION);
        assertThat(afterChange.get("flags").toString()).doesNotContain("cache_hit");
        assertThat(afterChange.get("answer").asString()).contains("10 business days");
    }

    private static String refunds(String timing) {
        return """
                # Refunds

                ## Refund timing
                Refunds reach the original payment method within %s after the warehouse scans the returned
                parcel. Shipping fees are not refunded.
                """.formatted(timing);
    }

    private void ingest(String content) throws Exception {
        HttpResponse<String> response = platform.uploadMarkdown(knowledgeBase, Map.of("refunds.md", content),
                ADMIN_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private JsonNode ask(String message) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest
            .newBuilder(URI.create(platform.gateway() + "/api/v1/chat"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", WIDGET_KEY)
            .header("Origin", platform.gateway())
            .POST(HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("message", message, "knowledgeBase", knowledgeBase))))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int cachedAnswers() throws Exception {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement query = connection
                    .prepareStatement("SELECT count(*) FROM generation.answer_cache WHERE knowledge_base = ?")) {
            query.setString(1, knowledgeBase);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
