package org.supportrag.generation.interactionlog;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.sampling.Sampling;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.testing.GenerationIT;

import static org.assertj.core.api.Assertions.assertThat;

/** The interaction log read API over real HTTP and PostgreSQL: tenant-scoped, paged by time, services only. */
@GenerationIT
class InteractionLogReadIT {

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void pagesATenantsTurnsOldestFirstWithArmEscalationReasonAndTopScore() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        UUID conversation = conversation(tenant, "help", "canary");
        List<UUID> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(turn(tenant, conversation, base.plusSeconds(i), "question " + i, i == 4 ? 0.3 : 0.9,
                    i == 4, "[\"low_confidence\"]"));
        }
        jdbc.sql("""
                INSERT INTO escalations (conversation_id, tenant_id, status, reasons, message_id)
                VALUES (?, ?, 'open', '["low_confidence"]'::jsonb, ?)""")
            .params(conversation, tenant, messages.get(4))
            .update();
        UUID other = conversation("t-other-" + UUID.randomUUID(), "help", null);
        turn("t-other", other, base, "someone else's", 0.9, false, "[]");

        String token = tokens.mint(CallerIdentity.service(tenant, "eval-service"));
        JsonNode first = get(token, "/api/v1/interaction-log?since=" + base.minusSeconds(1) + "&limit=3");
        assertThat(first.get("items").size()).isEqualTo(3);
        assertThat(first.get("items").get(0).get("question").stringValue()).isEqualTo("question 0");
        assertThat(first.get("items").get(0).get("promptArm").stringValue()).isEqualTo("canary");
        assertThat(first.get("items").get(0).get("knowledgeBase").stringValue()).isEqualTo("help");
        assertThat(first.get("items").get(0).get("topScore").doubleValue()).isEqualTo(0.7);
        JsonNode second = get(token, "/api/v1/interaction-log?since=" + base.minusSeconds(1) + "&limit=3&after="
                + first.get("next").stringValue());
        assertThat(second.get("items").size()).isEqualTo(2);
        assertThat(second.get("next").isNull()).isTrue();
        JsonNode escalated = second.get("items").get(1);
        assertThat(escalated.get("escalated").booleanValue()).isTrue();
        assertThat(escalated.get("escalationReasons").get(0).stringValue()).isEqualTo("low_confidence");
        assertThat(escalated.get("declined").booleanValue()).isFalse();

        JsonNode one = get(token, "/api/v1/interaction-log/" + messages.get(1));
        assertThat(one.get("citations").get(0).get("title").stringValue()).isEqualTo("Refunds");
    }

    @Test
    void customersMayNotReadTheLogAndABadWindowIsAProblem() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String customer = tokens.mint(new CallerIdentity(tenant, "c", Set.of(Roles.CUSTOMER), Set.of(), null));
        assertThat(send(customer, "/api/v1/interaction-log").statusCode()).isEqualTo(403);
        String service = tokens.mint(CallerIdentity.service(tenant, "eval-service"));
        HttpResponse<String> bad = send(service, "/api/v1/interaction-log?since=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("urn:supportrag:problem:invalid-window");
        assertThat(send(service, "/api/v1/interaction-log?after=nonsense").statusCode()).isEqualTo(400);
        String admin = tokens.mint(new CallerIdentity(tenant, "a", Set.of(Roles.ADMIN), Set.of(), null));
        assertThat(send(admin, "/api/v1/interaction-log/tenants").statusCode()).isEqualTo(403);
    }

    @Test
    void aSamplersPagesHoldExactlyTheTurnsItsSampleSelectsAndNothingElse() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        UUID conversation = conversation(tenant, "help", null);
        List<UUID> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID id = turn(tenant, conversation, base.plusMillis(i * 10L), "question " + i, 0.9, false, "[]");
            if (Sampling.selected("online", id, 0.25)) {
                expected.add(id);
            }
        }
        String token = tokens.mint(CallerIdentity.service(tenant, "eval-service"));
        List<UUID> sampled = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = get(token, "/api/v1/interaction-log?since=" + base.minusSeconds(1)
                    + "&limit=20&sample=online&rate=0.25" + (after == null ? "" : "&after=" + after));
            page.get("items").forEach(item -> sampled.add(UUID.fromString(item.get("messageId").stringValue())));
            after = page.get("next").isNull() ? null : page.get("next").stringValue();
        }
        while (after != null);

        // The SQL selection is Java's, turn for turn, in order; about a quarter of 300.
        assertThat(sampled).containsExactlyElementsOf(expected);
        assertThat(sampled.size()).isBetween(45, 105);
        List<UUID> otherSample = new ArrayList<>();
        get(token, "/api/v1/interaction-log?since=" + base.minusSeconds(1) + "&limit=1000&sample=review&rate=0.25")
            .get("items")
            .forEach(item -> otherSample.add(UUID.fromString(item.get("messageId").stringValue())));
        assertThat(otherSample).isNotEqualTo(sampled);
    }

    @Test
    void aSampleWithoutItsRateOrARateOutsideZeroToOneIsAProblem() throws Exception {
        String service = tokens.mint(CallerIdentity.service("t-" + UUID.randomUUID(), "eval-service"));
        for (String query : List.of("sample=online", "rate=0.1", "sample=online&rate=0", "sample=online&rate=1.5",
                "sample=Online%27--&rate=0.1")) {
            HttpResponse<String> bad = send(service, "/api/v1/interaction-log?" + query);
            assertThat(bad.statusCode()).as(query).isEqualTo(400);
            assertThat(bad.body()).contains("urn:supportrag:problem:invalid-sample");
        }
        assertThat(send(service, "/api/v1/interaction-log?sample=online&rate=1").statusCode()).isEqualTo(200);
    }

    private UUID conversation(String tenant, String kb, String arm) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO conversations (id, tenant_id, knowledge_base, prompt_variant) VALUES (?, ?, ?, ?)")
            .params(id, tenant, kb, arm)
            .update();
        return id;
    }

    private UUID turn(String tenant, UUID conversation, Instant at, String question, double confidence,
            boolean escalated, String flags) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO interaction_log (message_id, tenant_id, conversation_id, question, retrieved, model, answer,
                    citations, confidence, flags, escalated, cost_usd, created_at)
                VALUES (?, ?, ?, ?, '[{"chunkId":"c1","score":0.7},{"chunkId":"c2","score":0.4}]'::jsonb, 'primary',
                    'an answer [1]', '[{"index":1,"title":"Refunds"}]'::jsonb, ?, CAST(? AS jsonb), ?, 0.001, ?)""")
            .params(id, tenant, conversation, question, confidence, flags, escalated, Timestamp.from(at))
            .update();
        return id;
    }

    private JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> response = send(token, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
