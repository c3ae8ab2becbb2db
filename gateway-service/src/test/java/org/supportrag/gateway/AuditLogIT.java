package org.supportrag.gateway;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.supportrag.gateway.AdminApiFixture.Tenant;
import org.supportrag.gateway.apikeys.KeyHashes;
import org.supportrag.gateway.testing.GatewayIT;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log against real PostgreSQL, through real HTTP, with tracing on so events carry trace ids. */
@GatewayIT
class AuditLogIT {

    static final String KEYS = "/api/v1/admin/api-keys";
    static final String EVENTS = "/api/v1/admin/audit-events";
    static final String UPLOAD = "/api/v1/knowledge-bases/default/documents";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    AdminApiFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new AdminApiFixture(jdbc, port);
    }

    @Test
    void recordsAgentActionsButNotTheirReads() throws Exception {
        Tenant tenant = fixture.tenant();
        String agentKey = fixture.addApiKey(tenant.id(), "agent");
        String conversation = java.util.UUID.randomUUID().toString();

        assertThat(fixture.post("/api/v1/escalations/" + conversation + "/claim", agentKey, "{}").statusCode())
            .isEqualTo(200);
        assertThat(fixture.post("/api/v1/conversations/" + conversation + "/agent-replies", agentKey,
                "{\"text\":\"Hello, this is Sam.\"}").statusCode()).isEqualTo(200);
        assertThat(fixture.post("/api/v1/labels", agentKey, "{\"conversationId\":\"" + conversation + "\"}")
            .statusCode()).isEqualTo(200);
        assertThat(fixture.post("/api/v1/escalations/" + conversation + "/resolve", agentKey, "{}").statusCode())
            .isEqualTo(200);
        assertThat(fixture.get("/api/v1/escalations", agentKey).statusCode()).isEqualTo(200);

        JsonNode events = fixture.body(fixture.get(EVENTS, tenant.adminKey())).path("events");
        List<String> actions = new ArrayList<>();
        events.forEach(event -> actions.add(event.path("action").asString() + " " + event.path("target").asString()));
        assertThat(actions).containsExactly("escalation.resolve POST /api/v1/escalations/" + conversation + "/resolve",
                "label.create POST /api/v1/labels",
                "conversation.agent-reply POST /api/v1/conversations/" + conversation + "/agent-replies",
                "escalation.claim POST /api/v1/escalations/" + conversation + "/claim");
        assertThat(events.get(0).path("actor").asString()).startsWith("api-key:");
        assertThat(events.toString()).doesNotContain("Hello, this is Sam.");
    }

    @Test
    void recordsKeyCreationAndRevocationWithActorAndTraceId() throws Exception {
        Tenant tenant = fixture.tenant();
        String createTrace = randomHex(16);
        String revokeTrace = randomHex(16);

        HttpResponse<String> created = fixture.send(fixture.request(KEYS, tenant.adminKey())
            .header("Content-Type", "application/json")
            .header("traceparent", traceparent(createTrace))
            .POST(BodyPublishers.ofString("{\"name\":\"Audited\",\"roles\":[\"admin\"]}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = fixture.body(created).path("id").asString();
        assertThat(fixture.send(fixture.request(KEYS + "/" + id, tenant.adminKey())
            .header("traceparent", traceparent(revokeTrace))
            .DELETE()).statusCode()).isEqualTo(204);

        List<JsonNode> events = events(tenant, "");

        String actor = "api-key:" + KeyHashes.sha256Hex(tenant.adminKey()).substring(0, 12);
        assertThat(events).hasSize(2);
        JsonNode revoke = events.get(0);
        assertThat(revoke.path("action").asString()).isEqualTo("api-key.revoke");
        assertThat(revoke.path("target").asString()).isEqualTo("api-key:" + id);
        assertThat(revoke.path("outcome").asString()).isEqualTo("success");
        assertThat(revoke.path("actor").asString()).isEqualTo(actor);
        assertThat(revoke.path("traceId").asString()).isEqualTo(revokeTrace);
        assertThat(revoke.path("clientIp").asString()).isEqualTo("127.0.0.1");
        JsonNode create = events.get(1);
        assertThat(create.path("action").asString()).isEqualTo("api-key.create");
        assertThat(create.path("target").asString()).isEqualTo("api-key:" + id);
        assertThat(create.path("traceId").asString()).isEqualTo(createTrace);
        assertThat(create.path("createdAt").asString()).isNotEmpty();
    }

    @Test
    void recordsProxiedAdminRequestsWithMethodPathAndStatusButNoBody() throws Exception {
        Tenant tenant = fixture.tenant();
        String secret = "body-marker-" + randomHex(8);

        assertThat(fixture.post(UPLOAD + "?note=" + secret, tenant.adminKey(), "{\"text\":\"" + secret + "\"}")
            .statusCode()).isEqualTo(200);

        List<JsonNode> events = events(tenant, "");
        assertThat(events).hasSize(1);
        JsonNode event = events.getFirst();
        assertThat(event.path("action").asString()).isEqualTo("http.request");
        assertThat(event.path("target").asString()).isEqualTo("POST " + UPLOAD);
        assertThat(event.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(event.path("outcome").asString()).isEqualTo("success");
        assertThat(event.path("traceId").asString()).hasSize(32);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events e WHERE e::text LIKE :marker")
            .param("marker", "%" + secret + "%")
            .query(Long.class)
            .single()).as("neither body nor query string stored").isZero();
    }

    @Test
    void recordsARefusedRoleEscalationAsAFailure() throws Exception {
        Tenant tenant = fixture.tenant();

        assertThat(fixture.post(KEYS, tenant.adminKey(), "{\"name\":\"x\",\"roles\":[\"agent\"]}").statusCode())
            .isEqualTo(403);

        List<JsonNode> events = events(tenant, "");
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().path("action").asString()).isEqualTo("api-key.create");
        assertThat(events.getFirst().path("outcome").asString()).isEqualTo("failure");
    }

    @Test
    void showsAuditEventsOnlyToTheTenantsAdmins() throws Exception {
        Tenant tenant = fixture.tenant();
        Tenant other = fixture.tenant();
        fixture.createKey(tenant, "Private", "[\"admin\"]");
        String opsKey = fixture.addApiKey(tenant.id(), "ops", "agent");
        String widgetKey = fixture.addWidgetKey(tenant.id());

        assertThat(events(other, "")).as("another tenant's admin sees only their own (none)").isEmpty();
        HttpResponse<String> ops = fixture.get(EVENTS, opsKey);
        assertThat(ops.statusCode()).isEqualTo(403);
        assertThat(ops.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fixture.get(EVENTS, widgetKey).statusCode()).isEqualTo(403);
        assertThat(fixture.get(EVENTS, "").statusCode()).isEqualTo(401);
        assertThat(events(tenant, "")).hasSize(1);
    }

    @Test
    void pagesThroughEventsNewestFirst() throws Exception {
        Tenant tenant = fixture.tenant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(fixture.createKey(tenant, "Key " + i, "[\"admin\"]").path("id").asString());
        }

        HttpResponse<String> first = fixture.get(EVENTS + "?limit=2", tenant.adminKey());
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode firstPage = fixture.body(first);
        assertThat(targets(firstPage)).containsExactly("api-key:" + ids.get(2), "api-key:" + ids.get(1));
        long next = firstPage.path("nextBefore").asLong();

        JsonNode secondPage = fixture.body(fixture.get(EVENTS + "?limit=2&before=" + next, tenant.adminKey()));
        assertThat(targets(secondPage)).containsExactly("api-key:" + ids.get(0));
        assertThat(secondPage.path("nextBefore").isNull()).isTrue();

        for (String query : List.of("limit=0", "limit=201", "limit=x", "before=x")) {
            HttpResponse<String> invalid = fixture.get(EVENTS + "?" + query, tenant.adminKey());
            assertThat(invalid.statusCode()).as(query).isEqualTo(400);
            assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    private List<JsonNode> events(Tenant tenant, String query) throws Exception {
        HttpResponse<String> response = fixture.get(EVENTS + query, tenant.adminKey());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        fixture.body(response).path("events").forEach(events::add);
        return events;
    }

    private static List<String> targets(JsonNode page) {
        List<String> targets = new ArrayList<>();
        page.path("events").forEach(event -> targets.add(event.path("target").asString()));
        return targets;
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(8) + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
