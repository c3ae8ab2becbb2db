package org.supportrag.generation.escalation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.Response;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.Stubs;
import org.supportrag.generation.texts.CustomerText;
import org.supportrag.generation.texts.CustomerTexts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * Confidence thresholds, escalation and the agent API over real HTTP with real PostgreSQL and the offline
 * answerer: who may do what, and tenant isolation.
 */
@GenerationIT
class EscalationIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final String REFUND_QUESTION = "How long do refunds take?";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CustomerTexts texts;

    @Autowired
    ServiceClient chat;
    @Autowired
    ServiceClient api;
    String tenant;
    CallerIdentity visitor;
    CallerIdentity agent;
    CallerIdentity admin;

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        visitor = customer(tenant);
        agent = staff(tenant, "agent@demo.local", Roles.AGENT);
        admin = staff(tenant, "admin@demo.local", Roles.ADMIN, Roles.AGENT);
    }

    static CallerIdentity staff(String tenant, String name, String... roles) {
        return new CallerIdentity(tenant, name, Set.of(roles), Set.of(), null);
    }

    JsonNode ask(CallerIdentity caller, String question) throws Exception {
        ServiceClient.Response json = chat.json(caller, body(question), "application/json");
        assertThat(json.status()).isEqualTo(200);
        return json.body();
    }

    void thresholds(double caveatBelow, double escalateBelow) throws Exception {
        Response put = api.put(admin, "/api/v1/guardrails/policy",
                "{\"caveatBelow\":" + caveatBelow + ",\"escalateBelow\":" + escalateBelow + "}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("effective").get("caveatBelow").doubleValue()).isEqualTo(caveatBelow);
    }

    @Test
    void aWellGroundedAnswerIsGivenAsItIsUnderTheDefaultThresholds() throws Exception {
        JsonNode answer = ask(visitor, REFUND_QUESTION);

        assertThat(answer.get("escalated").booleanValue()).isFalse();
        assertThat(answer.get("confidence").doubleValue()).isGreaterThan(0.5);
        assertThat(answer.get("flags").isEmpty()).isTrue();
        assertThat(answer.get("answer").stringValue()).doesNotContain("not fully sure").doesNotContain("a person");
        assertThat(api.get(agent, "/api/v1/escalations").body().get("items").isEmpty()).isTrue();
    }

    @Test
    void theTenantsThresholdsChooseBetweenAnswerCaveatAndEscalation() throws Exception {
        double confidence = ask(visitor, REFUND_QUESTION).get("confidence").doubleValue();

        thresholds(Math.min(1, confidence + 0.01), 0);
        JsonNode caveated = ask(visitor, REFUND_QUESTION);
        assertThat(caveated.get("confidence").doubleValue()).isEqualTo(confidence);
        assertThat(caveated.get("escalated").booleanValue()).isFalse();
        assertThat(caveated.get("answer").stringValue()).contains("within 5 business days")
            .endsWith("just ask to talk to a person from our support team.)");
        assertThat(caveated.get("flags").toString()).contains("low_confidence");

        thresholds(1, Math.min(1, confidence + 0.01));
        JsonNode escalated = ask(visitor, REFUND_QUESTION);
        assertThat(escalated.get("escalated").booleanValue()).isTrue();
        assertThat(escalated.get("answer").stringValue()).contains("within 5 business days")
            .endsWith("a person will reply here as soon as possible.");

        thresholds(0, 0);
        JsonNode plain = ask(visitor, REFUND_QUESTION);
        assertThat(plain.get("escalated").booleanValue()).isFalse();
        assertThat(plain.get("flags").toString()).doesNotContain("low_confidence");
        assertThat(plain.get("answer").stringValue()).doesNotContain("not fully sure");

        // Another tenant keeps the defaults.
        JsonNode other = ask(customer(newTenant()), REFUND_QUESTION);
        assertThat(other.get("escalated").booleanValue()).isFalse();
        assertThat(other.get("flags").isEmpty()).isTrue();
    }

    @Test
    void anEscalationStoresTheContextScoresAndReasonsForTheAgent() throws Exception {
        JsonNode answer = ask(visitor, "What is the capital of Mongolia?");
        String conversationId = answer.get("conversationId").stringValue();

        assertThat(answer.get("escalated").booleanValue()).isTrue();
        JsonNode items = api.get(agent, "/api/v1/escalations?status=open").body().get("items");
        assertThat(items.size()).isEqualTo(1);
        JsonNode item = items.get(0);
        assertThat(item.propertyNames()).containsExactlyInAnyOrder("conversationId", "status", "reasons",
                "confidence", "assignee", "createdAt", "updatedAt", "preview");
        assertThat(item.get("conversationId").stringValue()).isEqualTo(conversationId);
        assertThat(item.get("status").stringValue()).isEqualTo("open");
        assertThat(item.get("reasons").toString()).isEqualTo("[\"low_confidence\"]");
        assertThat(item.get("confidence").doubleValue()).isEqualTo(answer.get("confidence").doubleValue());
        assertThat(item.get("assignee").isNull()).isTrue();
        assertThat(item.get("preview").stringValue()).isEqualTo("What is the capital of Mongolia?");

        JsonNode view = api.get(agent, "/api/v1/conversations/" + conversationId).body();
        assertThat(view.get("escalation").get("status").stringValue()).isEqualTo("open");
        JsonNode assistant = view.get("messages").get(1);
        assertThat(assistant.get("role").stringValue()).isEqualTo("assistant");
        assertThat(assistant.get("confidence").doubleValue()).isEqualTo(answer.get("confidence").doubleValue());
        assertThat(assistant.get("flags").toString()).contains("low_confidence");
        assertThat(assistant.get("model").stringValue()).isEqualTo("offline-extractive");
        assertThat(assistant.get("traceId").stringValue()).isEqualTo(answer.get("traceId").stringValue());
        assertThat(assistant.has("promptVersion")).isTrue();
        assertThat(assistant.get("scores").get("decision").stringValue()).isEqualTo("escalate");
        assertThat(assistant.get("scores").get("combined").doubleValue())
            .isEqualTo(answer.get("confidence").doubleValue());
        assertThat(assistant.get("scores").has("groundedness")).isTrue();
        assertThat(assistant.get("context").size()).isEqualTo(3);
        JsonNode context = assistant.get("context").get(0);
        assertThat(context.propertyNames()).containsExactlyInAnyOrder("chunkId", "documentId", "title", "score",
                "snippet");
        assertThat(context.get("chunkId").stringValue()).isEqualTo(FakeRetrieval.REFUNDS.chunkId().toString());
        assertThat(context.get("score").doubleValue()).isEqualTo(0.82);
        String storedScores = jdbc.sql("SELECT scores::text FROM generation.escalations WHERE conversation_id = ?")
            .param(UUID.fromString(conversationId))
            .query(String.class)
            .single();
        assertThat(storedScores).contains("groundedness").contains("retrieval").contains("\"decision\": \"escalate\"");

        // The customer's view has the escalation but none of the staff details.
        JsonNode customerView = api.get(visitor, "/api/v1/conversations/" + conversationId).body();
        assertThat(customerView.get("escalation").get("status").stringValue()).isEqualTo("open");
        assertThat(customerView.get("messages").get(1).propertyNames()).containsExactlyInAnyOrder("messageId",
                "role", "content", "citations", "createdAt", "author");
    }

    @Test
    void aCustomerAskingForAPersonIsHandedOverAtOnce() throws Exception {
        int searches = retrieval.received().size();

        JsonNode answer = ask(visitor, "Can I talk to a real person please?");

        assertThat(answer.get("escalated").booleanValue()).isTrue();
        assertThat(answer.get("answer").stringValue()).contains("a person will reply here");
        assertThat(retrieval.received()).hasSize(searches);
        JsonNode item = api.get(agent, "/api/v1/escalations").body().get("items").get(0);
        assertThat(item.get("reasons").toString()).isEqualTo("[\"customer_request\"]");
        assertThat(item.get("confidence").isNull()).isTrue();
    }

    @Test
    void aGermanCustomerAskingForAPersonIsToldSoInGerman() throws Exception {
        JsonNode answer = ask(visitor, "Ich möchte bitte mit einem Mitarbeiter sprechen.");

        assertThat(answer.get("escalated").booleanValue()).isTrue();
        assertThat(answer.get("answer").stringValue())
            .isEqualTo(texts.get(CustomerText.ESCALATION_REQUESTED, Locale.GERMAN))
            .contains("Support-Team");
    }

    @Test
    void aQuestionThatOnlyMentionsAnotherPersonIsAnsweredNotHandedOverAsARequest() throws Exception {
        // Before: "transfer ... someone" read as a request for a person and went to the agents' queue.
        for (String question : List.of("How do I transfer account ownership to someone else?",
                "Kann mein Kollege auch Etiketten drucken?")) {
            int searches = retrieval.received().size();

            JsonNode answer = ask(visitor, question);

            // Answered from the help center (searched), not handed over as a request for a person.
            assertThat(retrieval.received()).as(question).hasSize(searches + 1);
            assertThat(answer.get("model").stringValue()).as(question).isNotEqualTo("guardrail");
        }
        assertThat(api.get(agent, "/api/v1/escalations").body().get("items").toString())
            .doesNotContain("customer_request");
    }

    @Test
    void theCustomerCanAskForAPersonThroughTheEndpoint() throws Exception {
        String conversationId = ask(visitor, REFUND_QUESTION).get("conversationId").stringValue();

        Response escalated = api.post(visitor, "/api/v1/conversations/" + conversationId + "/escalate",
                "{\"reason\":\"I need an invoice correction\"}");
        Response again = api.postEmpty(visitor, "/api/v1/conversations/" + conversationId + "/escalate");

        assertThat(escalated.status()).isEqualTo(200);
        assertThat(escalated.body().get("status").stringValue()).isEqualTo("open");
        assertThat(escalated.body().get("reasons").toString()).isEqualTo("[\"customer_request\"]");
        assertThat(escalated.body().get("preview").stringValue()).isEqualTo(REFUND_QUESTION);
        assertThat(again.status()).isEqualTo(200);
        assertThat(api.get(agent, "/api/v1/escalations").body().get("items").size()).isEqualTo(1);
    }

    @Test
    void agentsClaimReplyAndResolve() throws Exception {
        String conversationId = ask(visitor, "Can I talk to a human?").get("conversationId").stringValue();
        CallerIdentity otherAgent = staff(tenant, "other@demo.local", Roles.AGENT);

        Response claimed = api.postEmpty(agent, "/api/v1/escalations/" + conversationId + "/claim");
        Response reclaimed = api.postEmpty(agent, "/api/v1/escalations/" + conversationId + "/claim");
        Response conflict = api.postEmpty(otherAgent, "/api/v1/escalations/" + conversationId + "/claim");

        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.body().get("status").stringValue()).isEqualTo("assigned");
        assertThat(claimed.body().get("assignee").stringValue()).isEqualTo("agent@demo.local");
        assertThat(reclaimed.status()).isEqualTo(200);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.type()).isEqualTo("urn:supportrag:problem:escalation-assigned");
        assertThat(api.get(agent, "/api/v1/escalations?status=open").body().get("items").isEmpty()).isTrue();
        assertThat(api.get(agent, "/api/v1/escalations?status=assigned").body().get("items").size()).isEqualTo(1);

        Response reply = api.post(agent, "/api/v1/conversations/" + conversationId + "/agent-replies",
                "{\"text\":\"Hi, I'm Anna from support. Let me check your refund.\"}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().propertyNames()).containsExactlyInAnyOrder("messageId", "role", "content",
                "citations", "createdAt", "author");
        assertThat(reply.body().get("role").stringValue()).isEqualTo("agent");
        assertThat(reply.body().get("author").stringValue()).isEqualTo("agent@demo.local");

        // While the agent holds the conversation, the assistant stays out of it.
        int searches = retrieval.received().size();
        JsonNode meanwhile = chat.json(visitor, ServiceClient.body("My order number is 12345", conversationId),
                "application/json").body();
        assertThat(meanwhile.get("answer").stringValue()).contains("support team is looking after this conversation");
        assertThat(meanwhile.get("flags").toString()).contains("agent_handling");
        assertThat(meanwhile.get("escalated").booleanValue()).isFalse();
        assertThat(retrieval.received()).hasSize(searches);

        Response resolved = api.postEmpty(agent, "/api/v1/escalations/" + conversationId + "/resolve");
        assertThat(resolved.body().get("status").stringValue()).isEqualTo("resolved");
        assertThat(api.get(agent, "/api/v1/escalations?status=resolved").body().get("items").size()).isEqualTo(1);

        // The customer reads the agent's reply in the same conversation.
        JsonNode messages = api.get(visitor, "/api/v1/conversations/" + conversationId).body().get("messages");
        JsonNode last = messages.get(messages.size() - 3);
        assertThat(last.get("role").stringValue()).isEqualTo("agent");
        assertThat(last.get("content").stringValue()).isEqualTo("Hi, I'm Anna from support. Let me check your refund.");
        assertThat(last.get("author").stringValue()).isEqualTo("agent@demo.local");
        assertThat(last.get("messageId").stringValue()).isEqualTo(reply.body().get("messageId").stringValue());

        // Asking again reopens it, unassigned.
        ask(visitor, "I want to speak to someone again");
        JsonNode reopened = api.get(agent, "/api/v1/escalations?status=open").body().get("items").get(0);
        assertThat(reopened.get("assignee").isNull()).isTrue();
    }

    @Test
    void aReplyToAnOpenEscalationAssignsItToTheReplyingAgent() throws Exception {
        String conversationId = ask(visitor, "talk to a human").get("conversationId").stringValue();

        api.post(admin, "/api/v1/conversations/" + conversationId + "/agent-replies", "{\"text\":\"On it.\"}");

        JsonNode item = api.get(agent, "/api/v1/escalations").body().get("items").get(0);
        assertThat(item.get("status").stringValue()).isEqualTo("assigned");
        assertThat(item.get("assignee").stringValue()).isEqualTo("admin@demo.local");
    }

    @Test
    void otherTenantsSeeNothingAndCustomersCannotActAsAgents() throws Exception {
        String conversationId = ask(visitor, "Please connect me to an agent").get("conversationId").stringValue();
        CallerIdentity strangerAgent = staff(newTenant(), "agent@other.example", Roles.AGENT);

        assertThat(api.get(strangerAgent, "/api/v1/conversations/" + conversationId).status()).isEqualTo(404);
        assertThat(api.post(strangerAgent, "/api/v1/conversations/" + conversationId + "/agent-replies",
                "{\"text\":\"hello\"}").status()).isEqualTo(404);
        Response claim = api.postEmpty(strangerAgent, "/api/v1/escalations/" + conversationId + "/claim");
        assertThat(claim.status()).isEqualTo(404);
        assertThat(claim.contentType()).startsWith("application/problem+json");
        assertThat(api.postEmpty(strangerAgent, "/api/v1/escalations/" + conversationId + "/resolve").status())
            .isEqualTo(404);
        assertThat(api.get(strangerAgent, "/api/v1/escalations").body().get("items").isEmpty()).isTrue();
        assertThat(api.postEmpty(customer(strangerAgent.tenantId()),
                "/api/v1/conversations/" + conversationId + "/escalate").status()).isEqualTo(404);

        Response list = api.get(visitor, "/api/v1/escalations");
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.contentType()).startsWith("application/problem+json");
        assertThat(api.post(visitor, "/api/v1/conversations/" + conversationId + "/agent-replies",
                "{\"text\":\"I am the agent now\"}").status()).isEqualTo(403);
        assertThat(api.postEmpty(visitor, "/api/v1/escalations/" + conversationId + "/claim").status())
            .isEqualTo(403);
        assertThat(api.put(visitor, "/api/v1/guardrails/policy", "{\"escalateBelow\":0}").status()).isEqualTo(403);
        assertThat(api.put(agent, "/api/v1/guardrails/policy", "{\"escalateBelow\":0}").status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM generation.messages WHERE role = 'agent' AND conversation_id = ?")
            .param(UUID.fromString(conversationId))
            .query(Integer.class)
            .single()).isZero();
    }

    @Test
    void rejectsInvalidRequestsWithProblems() throws Exception {
        String conversationId = ask(visitor, REFUND_QUESTION).get("conversationId").stringValue();

        Response blank = api.post(agent, "/api/v1/conversations/" + conversationId + "/agent-replies",
                "{\"text\":\"   \"}");
        Response status = api.get(agent, "/api/v1/escalations?status=closed");
        Response noEscalation = api.postEmpty(agent, "/api/v1/escalations/" + conversationId + "/claim");
        Response notUuid = api.postEmpty(agent, "/api/v1/escalations/not-a-uuid/resolve");
        Response threshold = api.put(admin, "/api/v1/guardrails/policy", "{\"caveatBelow\":1.5}");

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.type()).isEqualTo("urn:supportrag:problem:validation");
        assertThat(status.status()).isEqualTo(400);
        assertThat(noEscalation.status()).isEqualTo(404);
        assertThat(noEscalation.type()).isEqualTo("urn:supportrag:problem:escalation-not-found");
        assertThat(notUuid.status()).isEqualTo(404);
        assertThat(threshold.status()).isEqualTo(400);
        assertThat(threshold.type()).isEqualTo("urn:supportrag:problem:validation");
    }
}
