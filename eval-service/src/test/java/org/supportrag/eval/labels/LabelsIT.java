package org.supportrag.eval.labels;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestHttp;
import org.supportrag.eval.testing.EvalClient;
import org.supportrag.eval.testing.EvalIT;

import static org.assertj.core.api.Assertions.assertThat;
@EvalIT
class LabelsIT {

    static final String LABELS = "/api/v1/labels";

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    String tenant;

    EvalClient api;

    @BeforeEach
    void setUp() {
        http = TestHttp.lenientClient(port);
        tenant = "t-" + UUID.randomUUID();
        api = new EvalClient(http, tokens, tenant);
    }

    private static Map<String, Object> label(UUID conversation, UUID message, String label) {
        Map<String, Object> body = new HashMap<>();
        body.put("conversationId", conversation);
        body.put("messageId", message);
        body.put("label", label);
        return body;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String token, UUID conversation) {
        Map<String, Object> body = http.get()
            .uri("/api/v1/labels?conversationId=" + conversation)
            .headers(h -> h.setBearerAuth(token))
            .retrieve()
            .body(Map.class);
        return (List<Map<String, Object>>) body.get("items");
    }

    @Test
    void storesAnAgentsLabelWithTheCorrectedAnswerAndWhoLabelledIt() {
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        Map<String, Object> body = label(conversation, message, "incorrect");
        body.put("correctedAnswer", "Insurance covers up to 100 euros.");
        body.put("note", "quoted the old price");
        ResponseEntity<String> created = api.post(api.token("agent@demo.local", Roles.AGENT), LABELS, body);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).isNotNull();

        List<Map<String, Object>> items = list(api.token("someone-else", Roles.AGENT), conversation);
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("label", "incorrect")
                .containsEntry("correctedAnswer", "Insurance covers up to 100 euros.")
                .containsEntry("note", "quoted the old price")
                .containsEntry("labelledBy", "agent@demo.local")
                .containsEntry("messageId", message.toString());
        });
        assertThat(jdbc.sql("SELECT tenant_id FROM labels WHERE message_id = ?").param(message).query(String.class)
            .single()).isEqualTo(tenant);
    }

    @Test
    void labellingTheSameAnswerAgainReplacesTheAgentsEarlierLabelButKeepsOtherAgentsLabels() {
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        api.post(api.token("agent-a", Roles.AGENT), LABELS, label(conversation, message, "incorrect"));
        api.post(api.token("agent-a", Roles.AGENT), LABELS, label(conversation, message, "missing_knowledge"));
        api.post(api.token("admin-b", Roles.ADMIN, Roles.AGENT), LABELS, label(conversation, message, "correct"));

        List<Map<String, Object>> items = list(api.token("ops", Roles.OPS), conversation);
        assertThat(items).extracting(item -> item.get("labelledBy") + "=" + item.get("label"))
            .containsExactlyInAnyOrder("agent-a=missing_knowledge", "admin-b=correct");
    }

    @Test
    void anotherTenantSeesNoneOfTheLabels() {
        UUID conversation = UUID.randomUUID();
        api.post(api.token("agent-a", Roles.AGENT), LABELS, label(conversation, UUID.randomUUID(), "correct"));
        String foreign = tokens.mint(new CallerIdentity("other-" + tenant, "a", Set.of(Roles.AGENT), Set.of(), null));
        assertThat(list(foreign, conversation)).isEmpty();
        assertThat(list(api.token("agent-a", Roles.AGENT), conversation)).hasSize(1);
    }

    @Test
    void refusesCustomersLabellingOrReadingLabels() {
        UUID conversation = UUID.randomUUID();
        ResponseEntity<String> write = api.post(api.token("c", Roles.CUSTOMER), LABELS, label(conversation,
                UUID.randomUUID(), "correct"));
        assertThat(write.getStatusCode().value()).isEqualTo(403);
        assertThat(write.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(write.getBody()).contains("urn:supportrag:problem:forbidden");
        ResponseEntity<String> read = http.get()
            .uri("/api/v1/labels?conversationId=" + conversation)
            .headers(h -> h.setBearerAuth(api.token("c", Roles.CUSTOMER)))
            .retrieve()
            .toEntity(String.class);
        assertThat(read.getStatusCode().value()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM labels WHERE conversation_id = ?").param(conversation)
            .query(Long.class).single()).isZero();
    }

    @Test
    void opsMayReadButNotWriteLabels() {
        ResponseEntity<String> write = api.post(api.token("o", Roles.OPS), LABELS, label(UUID.randomUUID(),
                UUID.randomUUID(), "correct"));
        assertThat(write.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void rejectsAnUnknownLabelWithAValidationProblemAndStoresNothing() {
        UUID conversation = UUID.randomUUID();
        ResponseEntity<String> response = api.post(api.token("a", Roles.AGENT), LABELS, label(conversation,
                UUID.randomUUID(), "meh"));
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("urn:supportrag:problem:validation").contains("label");
        assertThat(jdbc.sql("SELECT count(*) FROM labels WHERE conversation_id = ?").param(conversation)
            .query(Long.class).single()).isZero();
    }

    @Test
    void rejectsAMissingMessageIdAndAMalformedConversationId() {
        Map<String, Object> body = label(UUID.randomUUID(), UUID.randomUUID(), "correct");
        body.remove("messageId");
        ResponseEntity<String> missing = api.post(api.token("a", Roles.AGENT), LABELS, body);
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody()).contains("messageId");

        ResponseEntity<String> malformed = http.get()
            .uri("/api/v1/labels?conversationId=not-a-uuid")
            .headers(h -> h.setBearerAuth(api.token("a", Roles.AGENT)))
            .retrieve()
            .toEntity(String.class);
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(malformed.getBody()).doesNotContain("Exception");
    }

    @Test
    void refusesACallWithoutAToken() {
        ResponseEntity<String> response = http.get()
            .uri("/api/v1/labels?conversationId=" + UUID.randomUUID())
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }
}
