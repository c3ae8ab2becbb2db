package org.supportrag.eval.feedback;

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
import org.supportrag.eval.testing.EvalIT;

import static org.assertj.core.api.Assertions.assertThat;
@EvalIT
class FeedbackIT {

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    String tenant;

    @BeforeEach
    void setUp() {
        http = TestHttp.lenientClient(port);
        tenant = "t-" + UUID.randomUUID();
    }

    private String token(String role) {
        return tokens.mint(new CallerIdentity(tenant, role + "-1", Set.of(role), Set.of(), null));
    }

    @Test
    void storesFeedbackAndLetsAnAgentOfTheSameTenantReadIt() {
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        ResponseEntity<Map> created = http.post()
            .uri("/api/v1/feedback")
            .headers(h -> h.setBearerAuth(token(Roles.CUSTOMER)))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("conversationId", conversation, "messageId", message, "rating", "down", "comment",
                    "Wrong price", "traceId", "abc123"))
            .retrieve()
            .toEntity(Map.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);

        // Voting again replaces the earlier vote rather than adding one.
        http.post()
            .uri("/api/v1/feedback")
            .headers(h -> h.setBearerAuth(token(Roles.CUSTOMER)))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("conversationId", conversation, "messageId", message, "rating", "up"))
            .retrieve()
            .toBodilessEntity();

        List<?> visible = http.get()
            .uri("/api/v1/feedback?conversationId=" + conversation)
            .headers(h -> h.setBearerAuth(token(Roles.AGENT)))
            .retrieve()
            .body(List.class);
        assertThat(visible).hasSize(1);
        assertThat(((Map<?, ?>) visible.get(0)).get("rating")).isEqualTo("up");

        String otherTenant = tokens.mint(new CallerIdentity("other-" + tenant, "a", Set.of(Roles.AGENT), Set.of(), null));
        List<?> foreign = http.get()
            .uri("/api/v1/feedback?conversationId=" + conversation)
            .headers(h -> h.setBearerAuth(otherTenant))
            .retrieve()
            .body(List.class);
        assertThat(foreign).isEmpty();
    }

    @Test
    void rejectsAnInvalidRatingWithAProblemAndStoresNothing() {
        UUID conversation = UUID.randomUUID();
        ResponseEntity<String> response = http.post()
            .uri("/api/v1/feedback")
            .headers(h -> h.setBearerAuth(token(Roles.CUSTOMER)))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("conversationId", conversation, "messageId", UUID.randomUUID(), "rating", "meh"))
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("urn:supportrag:problem:validation").contains("rating");
        assertThat(jdbc.sql("SELECT count(*) FROM feedback WHERE conversation_id = ?")
            .param(conversation)
            .query(Long.class)
            .single()).isZero();
    }

    @Test
    void rejectsMalformedJsonWithAProblem() {
        ResponseEntity<String> response = http.post()
            .uri("/api/v1/feedback")
            .headers(h -> h.setBearerAuth(token(Roles.CUSTOMER)))
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"conversationId\": ")
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void refusesACustomerReadingFeedback() {
        ResponseEntity<String> response = http.get()
            .uri("/api/v1/feedback?conversationId=" + UUID.randomUUID())
            .headers(h -> h.setBearerAuth(token(Roles.CUSTOMER)))
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesADirectCallWithoutAToken() {
        ResponseEntity<String> response = http.get()
            .uri("/api/v1/feedback?conversationId=" + UUID.randomUUID())
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("urn:supportrag:problem:unauthorized");
    }

    @Test
    void refusesAForgedToken() {
        String forged = new InternalTokenService(
                new org.supportrag.defaults.security.InternalAuthProperties("another-secret-that-is-long-enough-0123456789",
                        "supportrag-internal", java.time.Duration.ofMinutes(2), java.time.Duration.ofSeconds(30)),
                "attacker", java.time.Clock.systemUTC())
            .mint(new CallerIdentity(tenant, "x", Set.of(Roles.ADMIN), Set.of(), null));
        ResponseEntity<String> response = http.get()
            .uri("/api/v1/feedback?conversationId=" + UUID.randomUUID())
            .headers(h -> h.setBearerAuth(forged))
            .retrieve()
            .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void keepsHealthAndMetricsOpenForProbesAndScrapers() {
        assertThat(http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode().value())
            .isEqualTo(200);
        String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }
}
