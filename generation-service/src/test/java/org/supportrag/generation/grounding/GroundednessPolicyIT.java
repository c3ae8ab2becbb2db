package org.supportrag.generation.grounding;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.Sse;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.Stubs;
import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;

/**
 * Groundedness per tenant policy over real HTTP: two OpenAI-compatible stub providers; the primary contradicts the
 * chunk it cites ("30 minutes" where the chunk says "5 business days"), the small model does not.
 */
@GenerationIT
@TestPropertySource(properties = { "rag.generation.models.primary.provider=openai",
        "rag.generation.models.primary.api-key=sk-primary", "rag.generation.models.primary.model=big-model",
        "rag.generation.models.primary.prompt-price-per-million=3",
        "rag.generation.models.primary.completion-price-per-million=15",
        "rag.generation.models.small.provider=openai", "rag.generation.models.small.api-key=sk-small",
        "rag.generation.models.small.model=small-model", "rag.generation.models.small.prompt-price-per-million=0.5",
        "rag.generation.models.small.completion-price-per-million=1.5", "rag.generation.routing.simple-max-words=0",
        "rag.generation.grounding.tenants.grounded-next=next-model",
        "rag.generation.grounding.tenants.grounded-escalate=escalate",
        "rag.generation.models.primary.base-url=" + Stubs.LLM_URL,
        "rag.generation.models.small.base-url=" + Stubs.SMALL_URL })
class GroundednessPolicyIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final OpenAiStubServer primary = Stubs.LLM;
    static final OpenAiStubServer small = Stubs.SMALL;
    static final String UNSUPPORTED = "Refunds are issued to the original payment method within 30 minutes [1].";
    static final String SUPPORTED = "Refunds are issued to the original payment method within 5 business days [1].";
    static final String QUESTION = "How long does it take to get my money back?";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServiceClient client;

    @BeforeEach
    void setUp() {
        primary.respondWith(UNSUPPORTED);
        small.respondWith(SUPPORTED);
    }

    @Test
    void underTheNextModelPolicyTheCustomerNeverSeesTheUnsupportedAnswer() throws Exception {
        CallerIdentity caller = customer("grounded-next");

        Sse sse = client.stream(caller, body(QUESTION));

        JsonNode done = sse.events().getLast().data();
        assertThat(sse.text()).startsWith(SUPPORTED).doesNotContain("30 minutes");
        assertThat(done.get("model").stringValue()).isEqualTo("small-model");
        assertThat(done.get("flags").toString()).doesNotContain("unsupported_claim");
        assertThat(primary.chatRequests()).hasSize(1);
        assertThat(small.chatRequests()).hasSize(1);
        UUID messageId = UUID.fromString(sse.named("meta").getFirst().data().get("messageId").stringValue());
        assertThat(stored(messageId)).containsEntry("claims", 1).containsEntry("unsupported_claims", 0);
        assertThat(jdbc.sql("SELECT attempts::text FROM interaction_log WHERE message_id = ?").param(messageId)
            .query(String.class).single()).contains("primary:rejected", "small:ok");
    }

    @Test
    void underTheEscalatePolicyAnUnsupportedClaimHandsTheConversationToAPerson() throws Exception {
        CallerIdentity caller = customer("grounded-escalate");

        Sse sse = client.stream(caller, body(QUESTION));

        JsonNode done = sse.events().getLast().data();
        assertThat(done.get("escalated").booleanValue()).isTrue();
        assertThat(done.get("flags").toString()).contains("unsupported_claim");
        UUID messageId = UUID.fromString(sse.named("meta").getFirst().data().get("messageId").stringValue());
        UUID conversationId = UUID
            .fromString(sse.named("meta").getFirst().data().get("conversationId").stringValue());
        assertThat(jdbc.sql("SELECT reasons::text FROM escalations WHERE tenant_id = ? AND conversation_id = ?")
            .params("grounded-escalate", conversationId).query(String.class).single()).contains("unsupported_claim");
        assertThat(stored(messageId)).containsEntry("claims", 1).containsEntry("unsupported_claims", 1);
        assertThat(small.requests()).isEmpty();
    }

    @Test
    void byDefaultAnUnsupportedClaimIsFlaggedAndCountedInTheInteractionLog() throws Exception {
        CallerIdentity caller = customer("t-" + UUID.randomUUID());

        Sse sse = client.stream(caller, body(QUESTION));

        JsonNode done = sse.events().getLast().data();
        assertThat(sse.text()).startsWith(UNSUPPORTED);
        assertThat(done.get("flags").toString()).contains("unsupported_claim");
        UUID messageId = UUID.fromString(sse.named("meta").getFirst().data().get("messageId").stringValue());
        Map<String, Object> logged = jdbc
            .sql("SELECT claims, unsupported_claims FROM interaction_log WHERE message_id = ?")
            .param(messageId)
            .query()
            .singleRow();
        assertThat(logged).containsEntry("claims", 1).containsEntry("unsupported_claims", 1);
        assertThat(jdbc.sql("SELECT count(*) FROM escalations WHERE tenant_id = ? AND reasons::text LIKE ?")
            .params(caller.tenantId(), "%unsupported_claim%").query(Long.class).single()).isZero();
    }

    private Map<String, Object> stored(UUID messageId) {
        return jdbc.sql("SELECT claims, unsupported_claims FROM messages WHERE id = ?").param(messageId).query()
            .singleRow();
    }
}
