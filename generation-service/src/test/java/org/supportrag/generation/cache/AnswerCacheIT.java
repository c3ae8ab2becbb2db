package org.supportrag.generation.cache;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.supportrag.contracts.generation.v1.GenerationApi;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.Response;
import org.supportrag.generation.testing.ServiceClient.Sse;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.Stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * The semantic answer cache through the chat API over real HTTP, with real PostgreSQL/pgvector and the real
 * embedding model (offline answerer); retrieval is the fake server, so its results are under the test's control.
 */
@GenerationIT
class AnswerCacheIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final String CACHE_HIT = "cache_hit";
    static final String REFUND_QUESTION = "How long do refunds take?";

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServiceClient client;

    @Test
    void keepsTheCachedQuestionsVectorsInTheirRowsForTheNearestQuestionLookup() {
        assertThat(jdbc.sql("SELECT attstorage FROM pg_attribute "
                + "WHERE attrelid = CAST('answer_cache' AS regclass) AND attname = 'question_embedding'")
            .query(String.class)
            .single()).isEqualTo("m");
    }

    @Test
    void answersTheSameQuestionAgainFromTheCacheAsANormalStreamedTurn() throws Exception {
        CallerIdentity caller = customer(newTenant());
        Sse first = client.stream(caller, body(REFUND_QUESTION));
        assertThat(flags(first)).doesNotContain(CACHE_HIT);

        // Another visitor, another conversation; case and punctuation do not matter for an exact hit.
        Sse second = client.stream(customer(caller.tenantId()), body("  how long do REFUNDS take  "));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.events().getFirst().name()).isEqualTo("meta");
        assertThat(second.events().getLast().name()).isEqualTo("done");
        assertThat(flags(second)).isEqualTo("[\"" + CACHE_HIT + "\"]");
        assertThat(second.text()).isEqualTo(first.text()).contains("5 business days");
        assertThat(second.named("citation")).extracting(event -> event.data().toString())
            .isEqualTo(first.named("citation").stream().map(event -> event.data().toString()).toList());
        JsonNode done = second.events().getLast().data();
        assertThat(done.get("usage").get("promptTokens").intValue()).isZero();
        assertThat(done.get("model").stringValue())
            .isEqualTo(first.events().getLast().data().get("model").stringValue());
        // Stored as a normal answer of the new conversation, with the flag.
        String conversationId = second.events().getFirst().data().get("conversationId").stringValue();
        JsonNode stored = client.get(customer(caller.tenantId()), "/api/v1/conversations/" + conversationId).body();
        assertThat(stored.get("messages").get(1).get("content").stringValue()).isEqualTo(first.text());
        assertThat(hits(caller.tenantId())).isEqualTo(1);
    }

    @Test
    void answersARewordedQuestionFromTheCache() throws Exception {
        CallerIdentity caller = customer(newTenant());
        Response first = client.json(caller, body(REFUND_QUESTION), "application/json");

        Response reworded = client.json(customer(caller.tenantId()), body("How long does a refund take?"),
                "application/json");

        assertThat(reworded.body().get("flags").toString()).contains(CACHE_HIT);
        assertThat(reworded.body().get("answer").stringValue()).isEqualTo(first.body().get("answer").stringValue());
        assertThat(reworded.body().get("citations")).isEqualTo(first.body().get("citations"));
    }

    @Test
    void answersADifferentQuestionFreshly() throws Exception {
        CallerIdentity caller = customer(newTenant());
        client.json(caller, body(REFUND_QUESTION), "application/json");

        Response other = client.json(customer(caller.tenantId()), body("How long does shipping take?"),
                "application/json");

        assertThat(other.body().get("flags").toString()).doesNotContain(CACHE_HIT);
        assertThat(other.body().get("answer").stringValue()).contains("business days");
    }

    @Test
    void refusesHitsForSimilarButDifferentQuestions() throws Exception {
        CallerIdentity caller = customer(newTenant());
        Response cached = client.json(caller, body("Can I get a refund within 30 days of purchase?"),
                "application/json");
        assertThat(cached.body().get("flags").isEmpty()).isTrue();

        // Nearly the same embedding, another number.
        Response otherNumber = client.json(customer(caller.tenantId()),
                body("Can I get a refund within 60 days of purchase?"), "application/json");
        // A negation.
        Response negated = client.json(customer(caller.tenantId()),
                body("Can't I get a refund within 30 days of purchase?"), "application/json");

        assertThat(otherNumber.body().get("flags").toString()).doesNotContain(CACHE_HIT);
        assertThat(negated.body().get("flags").toString()).doesNotContain(CACHE_HIT);
    }

    @Test
    void refusesAHitWhoseCitedChunksThisRetrievalNoLongerReturns() throws Exception {
        CallerIdentity caller = customer(newTenant());
        client.json(caller, body(REFUND_QUESTION), "application/json");
        SearchHit rewritten = FakeRetrieval.hit("Refund policy", "Billing > Refunds", """
                Refunds are issued to the original payment method within 7 business days after approval.""", 0.8);
        retrieval.results(List.of(rewritten, FakeRetrieval.SHIPPING));

        Response again = client.json(customer(caller.tenantId()), body(REFUND_QUESTION), "application/json");

        assertThat(again.body().get("flags").toString()).doesNotContain(CACHE_HIT);
        assertThat(again.body().get("answer").stringValue()).contains("7 business days");
    }

    @Test
    void stopsServingAnAnswerOnceItsTimeToLiveIsOver() throws Exception {
        CallerIdentity caller = customer(newTenant());
        client.json(caller, body(REFUND_QUESTION), "application/json");
        jdbc.sql("UPDATE generation.answer_cache SET expires_at = now() - interval '1 second' WHERE tenant_id = ?")
            .param(caller.tenantId())
            .update();

        Response expired = client.json(customer(caller.tenantId()), body(REFUND_QUESTION), "application/json");
        Response fresh = client.json(customer(caller.tenantId()), body(REFUND_QUESTION), "application/json");

        assertThat(expired.body().get("flags").toString()).doesNotContain(CACHE_HIT);
        // The fresh answer replaced the expired entry.
        assertThat(fresh.body().get("flags").toString()).contains(CACHE_HIT);
        assertThat(entries(caller.tenantId())).isEqualTo(1);
    }

    @Test
    void dropsCachedAnswersCitingAChangedDocument() throws Exception {
        CallerIdentity caller = customer(newTenant());
        client.json(caller, body(REFUND_QUESTION), "application/json");
        client.json(caller, body("How long does shipping take?"), "application/json");
        assertThat(entries(caller.tenantId())).isEqualTo(2);

        int status = documentChanges(CallerIdentity.service(caller.tenantId(), "ingestion-service"), """
                {"knowledgeBase": "default", "documentIds": ["%s"], "change": "updated"}"""
            .formatted(FakeRetrieval.REFUNDS.documentId()));

        assertThat(status).isEqualTo(204);
        assertThat(entries(caller.tenantId())).isEqualTo(1);
        Response refund = client.json(customer(caller.tenantId()), body(REFUND_QUESTION), "application/json");
        Response shipping = client.json(customer(caller.tenantId()), body("How long does shipping take?"),
                "application/json");
        assertThat(refund.body().get("flags").toString()).doesNotContain(CACHE_HIT);
        assertThat(shipping.body().get("flags").toString()).contains(CACHE_HIT);
    }

    @Test
    void documentChangesOfOneTenantOrKnowledgeBaseLeaveOthersAlone() throws Exception {
        CallerIdentity caller = customer(newTenant());
        client.json(caller, body(REFUND_QUESTION), "application/json");
        String change = """
                {"knowledgeBase": "%s", "documentIds": ["%s"], "change": "deleted"}""";

        assertThat(documentChanges(CallerIdentity.service(newTenant(), "ingestion-service"),
                change.formatted("default", FakeRetrieval.REFUNDS.documentId()))).isEqualTo(204);
        assertThat(documentChanges(CallerIdentity.service(caller.tenantId(), "ingestion-service"),
                change.formatted("other-kb", FakeRetrieval.REFUNDS.documentId()))).isEqualTo(204);

        assertThat(entries(caller.tenantId())).isEqualTo(1);
    }

    @Test
    void acceptsDocumentChangesFromServicesOnlyAndValidatesThem() throws Exception {
        String tenant = newTenant();
        String valid = """
                {"knowledgeBase": "default", "documentIds": ["%s"], "change": "deleted"}""".formatted(UUID.randomUUID());
        CallerIdentity service = CallerIdentity.service(tenant, "ingestion-service");

        assertThat(documentChanges(customer(tenant), valid)).isEqualTo(403);
        assertThat(documentChanges(new CallerIdentity(tenant, "admin", Set.of(Roles.ADMIN), Set.of(), null), valid))
            .isEqualTo(403);
        assertThat(documentChanges(service, """
                {"knowledgeBase": "default", "documentIds": [], "change": "deleted"}""")).isEqualTo(400);
        assertThat(documentChanges(service, """
                {"knowledgeBase": "default", "documentIds": ["%s"], "change": "renamed"}"""
            .formatted(UUID.randomUUID()))).isEqualTo(400);
        assertThat(documentChanges(service, """
                {"knowledgeBase": "default", "documentIds": ["not-a-uuid"], "change": "deleted"}""")).isEqualTo(400);
        assertThat(documentChanges(service, valid)).isEqualTo(204);
    }

    @Test
    void keepsTenantsAndAclGroupsApart() throws Exception {
        String tenant = newTenant();
        client.json(caller(tenant, Set.of("staff", "emea")), body(REFUND_QUESTION), "application/json");

        Response sameGroups = client.json(caller(tenant, Set.of("emea", "staff")), body(REFUND_QUESTION),
                "application/json");
        Response otherGroups = client.json(caller(tenant, Set.of("emea")), body(REFUND_QUESTION), "application/json");
        Response noGroups = client.json(customer(tenant), body(REFUND_QUESTION), "application/json");
        Response otherTenant = client.json(caller(newTenant(), Set.of("staff", "emea")), body(REFUND_QUESTION),
                "application/json");

        assertThat(sameGroups.body().get("flags").toString()).contains(CACHE_HIT);
        assertThat(otherGroups.body().get("flags").toString()).doesNotContain(CACHE_HIT);
        assertThat(noGroups.body().get("flags").toString()).doesNotContain(CACHE_HIT);
        assertThat(otherTenant.body().get("flags").toString()).doesNotContain(CACHE_HIT);
    }

    @Test
    void neitherCachesNorReusesAnswersToFollowUpQuestions() throws Exception {
        CallerIdentity caller = customer(newTenant());
        client.json(caller, body(REFUND_QUESTION), "application/json");
        Response first = client.json(caller, body("How long does shipping take?"), "application/json");
        String conversationId = first.body().get("conversationId").stringValue();

        Response followUp = client.json(caller, ServiceClient.body(REFUND_QUESTION, conversationId),
                "application/json");

        assertThat(followUp.body().get("flags").toString()).doesNotContain(CACHE_HIT);
        assertThat(entries(caller.tenantId())).isEqualTo(2);
    }

    @Test
    void doesNotCacheLowConfidenceAnswers() throws Exception {
        CallerIdentity caller = customer(newTenant());
        String unanswerable = "What is the capital of Mongolia?";
        Response first = client.json(caller, body(unanswerable), "application/json");
        assertThat(first.body().get("flags").toString()).contains("low_confidence");

        Response second = client.json(customer(caller.tenantId()), body(unanswerable), "application/json");

        assertThat(second.body().get("flags").toString()).doesNotContain(CACHE_HIT);
        assertThat(entries(caller.tenantId())).isZero();
    }

    private static CallerIdentity caller(String tenant, Set<String> groups) {
        return new CallerIdentity(tenant, "visitor-" + UUID.randomUUID(), Set.of(Roles.CUSTOMER), groups, null);
    }

    private static String flags(Sse sse) {
        return sse.events().getLast().data().get("flags").toString();
    }

    private int documentChanges(CallerIdentity caller, String json) throws Exception {
        ServiceClient.Response response = client.post(caller, GenerationApi.DOCUMENT_CHANGES, json);
        if (response.status() >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        return response.status();
    }

    private int entries(String tenant) {
        return jdbc.sql("SELECT count(*) FROM generation.answer_cache WHERE tenant_id = ?")
            .param(tenant)
            .query(Integer.class)
            .single();
    }

    private long hits(String tenant) {
        return jdbc.sql("SELECT coalesce(sum(hits), 0) FROM generation.answer_cache WHERE tenant_id = ?")
            .param(tenant)
            .query(Long.class)
            .single();
    }
}
