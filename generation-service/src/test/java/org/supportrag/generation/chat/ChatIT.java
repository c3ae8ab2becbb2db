package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.answer.ExtractiveAnswerer;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.Event;
import org.supportrag.generation.testing.ServiceClient.Response;
import org.supportrag.generation.testing.ServiceClient.Sse;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.Stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * The chat API over real HTTP with real PostgreSQL, the real embedding model and the offline answerer; retrieval is
 * a retrieval-compatible fake server.
 */
@GenerationIT
class ChatIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");
    static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    ServiceClient client;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void streamsMetaThenTokensWithCitationsThenDone() throws Exception {
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body("How long do refunds take?"));

        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.contentType()).startsWith("text/event-stream");
        List<Event> events = sse.events();
        assertThat(events.getFirst().name()).isEqualTo("meta");
        assertThat(events.getLast().name()).isEqualTo("done");
        assertThat(events.subList(1, events.size() - 1)).extracting(Event::name)
            .allMatch(name -> name.equals("token") || name.equals("citation"));
        assertThat(events.get(1).name()).isEqualTo("token");

        // Each citation follows the token that completed its marker.
        StringBuilder textSoFar = new StringBuilder();
        List<Integer> cited = new ArrayList<>();
        for (Event event : events) {
            if (event.name().equals("token")) {
                textSoFar.append(event.data().get("text").stringValue());
            }
            if (event.name().equals("citation")) {
                int index = event.data().get("index").intValue();
                assertThat(textSoFar.toString().strip()).endsWith("[" + index + "].");
                cited.add(index);
            }
        }
        String answer = sse.text();
        assertThat(answer).contains("within 5 business days");
        assertThat(cited).isNotEmpty().doesNotHaveDuplicates();
        assertThat(Set.copyOf(cited)).isEqualTo(Set.copyOf(markers(answer)));

        JsonNode citation = sse.named("citation").getFirst().data();
        assertThat(citation.get("index").intValue()).isEqualTo(1);
        assertThat(citation.get("chunkId").stringValue()).isEqualTo(FakeRetrieval.REFUNDS.chunkId().toString());
        assertThat(citation.get("documentId").stringValue())
            .isEqualTo(FakeRetrieval.REFUNDS.documentId().toString());
        assertThat(citation.get("title").stringValue()).isEqualTo("Refund policy");
        assertThat(citation.get("url").stringValue()).isEqualTo(FakeRetrieval.REFUNDS.sourceUri());
        assertThat(citation.get("snippet").stringValue()).hasSizeLessThanOrEqualTo(200)
            .startsWith("You can request a refund");

        JsonNode done = events.getLast().data();
        assertThat(done.get("confidence").doubleValue()).isBetween(0.0, 1.0);
        assertThat(done.get("escalated").booleanValue()).isFalse();
        assertThat(done.get("flags").isArray()).isTrue();
        assertThat(done.get("flags").isEmpty()).isTrue();
        assertThat(done.get("model").stringValue()).isEqualTo(ExtractiveAnswerer.MODEL);
        assertThat(done.get("usage").get("promptTokens").intValue()).isPositive();
        assertThat(done.get("usage").get("completionTokens").intValue()).isPositive();
        assertThat(done.get("usage").get("costUsd").doubleValue()).isZero();

        // Tokens concatenate to the stored answer, with the citations that were streamed.
        JsonNode meta = events.getFirst().data();
        String conversationId = meta.get("conversationId").stringValue();
        JsonNode stored = client.get(caller, "/api/v1/conversations/" + conversationId).body();
        assertThat(stored.get("conversationId").stringValue()).isEqualTo(conversationId);
        JsonNode messages = stored.get("messages");
        assertThat(messages.size()).isEqualTo(2);
        assertThat(messages.get(0).get("role").stringValue()).isEqualTo("user");
        assertThat(messages.get(0).get("content").stringValue())
            .isEqualTo("How long do refunds take?");
        assertThat(messages.get(1).get("role").stringValue()).isEqualTo("assistant");
        assertThat(messages.get(1).get("messageId").stringValue()).isEqualTo(meta.get("messageId").stringValue());
        assertThat(messages.get(1).get("content").stringValue()).isEqualTo(answer);
        assertThat(messages.get(1).get("citations").size()).isEqualTo(cited.size());
        assertThat(messages.get(1).get("citations").get(0).get("chunkId").stringValue())
            .isEqualTo(FakeRetrieval.REFUNDS.chunkId().toString());
        assertThat(messages.get(1).get("createdAt").stringValue()).isNotBlank();

        // The search carried the caller's internal token and the trace of this request.
        FakeRetrieval.Received search = retrieval.received().getFirst();
        assertThat(search.header("Authorization")).startsWith("Bearer ");
        assertThat(search.body().query()).isEqualTo("How long do refunds take?");
        assertThat(search.body().knowledgeBase()).isEqualTo("default");
        assertThat(search.body().topK()).isEqualTo(5);
        Matcher traceparent = TRACEPARENT.matcher(String.valueOf(search.header("traceparent")));
        assertThat(traceparent.matches()).as("traceparent %s", search.header("traceparent")).isTrue();
        assertThat(meta.get("traceId").stringValue()).isEqualTo(traceparent.group(1));
        assertThat(storedTraceIds(caller.tenantId())).containsOnly(traceparent.group(1));
    }

    @Test
    void runsEachStageOfTheTurnAsAnObservationWithLowCardinalityTagsOnly() throws Exception {
        CallerIdentity caller = customer(newTenant());

        client.json(caller, body("How long do refunds take?"), "application/json");

        for (String stage : List.of("input_guard", "retrieve", "augment", "generate", "validate", "conclude",
                "record")) {
            io.micrometer.core.instrument.Timer timer = meters.find(ChatObservationConvention.NAME)
                .tag("stage", stage)
                .timer();
            assertThat(timer).as(stage).isNotNull();
            assertThat(timer.count()).as(stage).isPositive();
        }
        assertThat(meters.find(ChatObservationConvention.NAME).meters())
            .flatExtracting(meter -> meter.getId().getTags().stream().map(io.micrometer.core.instrument.Tag::getKey)
                .toList())
            .contains("stage", "outcome")
            .doesNotContain("tenant", "rag.chat.items", "conversationId", "question");
    }

    @Test
    void answersWithJsonWhenAskedForJsonOrAnything() throws Exception {
        for (String accept : new String[] { "application/json", "*/*", null }) {
            CallerIdentity caller = customer(newTenant());

            Response response = client.json(caller, body("How can I reset my password?"), accept);

            assertThat(response.status()).as("Accept %s", accept).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/json");
            JsonNode answer = response.body();
            assertThat(answer.propertyNames()).containsExactlyInAnyOrder("conversationId", "messageId", "traceId",
                    "answer", "citations", "confidence", "escalated", "flags", "model", "usage");
            assertThat(answer.get("answer").stringValue()).contains("Forgot password [3].");
            assertThat(answer.get("citations").size()).isEqualTo(1);
            JsonNode citation = answer.get("citations").get(0);
            assertThat(citation.propertyNames()).containsExactlyInAnyOrder("index", "chunkId", "documentId", "title",
                    "url", "snippet");
            assertThat(citation.get("index").intValue()).isEqualTo(3);
            assertThat(citation.get("chunkId").stringValue()).isEqualTo(FakeRetrieval.PASSWORD.chunkId().toString());
            assertThat(answer.get("traceId").stringValue()).hasSize(32);
            assertThat(answer.get("escalated").booleanValue()).isFalse();
            assertThat(answer.get("usage").propertyNames()).containsExactlyInAnyOrder("promptTokens",
                    "completionTokens", "costUsd");
            assertThat(messageCount(caller.tenantId(), "assistant")).isEqualTo(1);
        }
    }

    @Test
    void sendsTheEarlierTurnsOfBothSpeakersToRetrievalAndShowsStaffTheStandaloneQuery() throws Exception {
        CallerIdentity caller = customer(newTenant());
        Response first = client.json(caller, body("How long does a refund take?"), "application/json");
        String conversationId = first.body().get("conversationId").stringValue();
        String firstAnswer = first.body().get("answer").stringValue();
        assertThat(first.body().get("citations")).isNotEmpty();
        retrieval.standaloneQuery("and for gift cards? refund gift cards");

        client.json(caller, ServiceClient.body("and for gift cards?", conversationId), "application/json");

        // Before: the follow-up was searched on its own, without history, and never rewritten.
        FakeRetrieval.Received search = retrieval.received().getLast();
        assertThat(search.body().query()).isEqualTo("and for gift cards?");
        assertThat(search.body().historyOrEmpty()).extracting(org.supportrag.contracts.retrieval.v1.ConversationTurn::speaker,
                org.supportrag.contracts.retrieval.v1.ConversationTurn::text)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("user", "How long does a refund take?"),
                    org.assertj.core.groups.Tuple.tuple("assistant", firstAnswer));
        CallerIdentity agent = new CallerIdentity(caller.tenantId(), "agent@demo.local",
                Set.of(org.supportrag.defaults.security.Roles.AGENT), Set.of(), null);
        JsonNode staffView = client.get(agent, "/api/v1/conversations/" + conversationId).body().get("messages");
        JsonNode firstQuestion = staffView.get(0).path("standaloneQuery");
        assertThat(firstQuestion.isMissingNode() || firstQuestion.isNull()).isTrue();
        assertThat(staffView.get(2).get("standaloneQuery").stringValue())
            .isEqualTo("and for gift cards? refund gift cards");
        JsonNode customerView = client.get(caller, "/api/v1/conversations/" + conversationId).body().get("messages");
        assertThat(customerView.get(2).has("standaloneQuery")).isFalse();
    }

    @Test
    void leavesTheAssistantsUncitedDeclinesOutOfTheHistoryItSendsToRetrieval() throws Exception {
        CallerIdentity caller = customer(newTenant());
        retrieval.down(true);
        Response first = client.json(caller, body("What does the Pro plan cost?"), "application/json");
        String conversationId = first.body().get("conversationId").stringValue();
        assertThat(first.body().get("citations")).isEmpty();
        retrieval.down(false);

        client.json(caller, ServiceClient.body("and on the annual plan?", conversationId), "application/json");

        // Before: the decline's words ("sorry", "contact support") went along and every follow-up searched them.
        FakeRetrieval.Received search = retrieval.received().getLast();
        assertThat(search.body().historyOrEmpty()).extracting(org.supportrag.contracts.retrieval.v1.ConversationTurn::speaker,
                org.supportrag.contracts.retrieval.v1.ConversationTurn::text)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("user", "What does the Pro plan cost?"));
        JsonNode messages = client.get(caller, "/api/v1/conversations/" + conversationId).body().get("messages");
        assertThat(messages.get(1).get("content").stringValue()).isNotBlank();
    }

    @Test
    void searchesAGermanQuestionAndItsEarlierTurnsAsTheirEnglishGlossAndStoresTheGermanQuestion() throws Exception {
        CallerIdentity caller = customer(newTenant());
        Response first = client.json(caller, body("Was kostet der Starter-Tarif im Monat?"), "application/json");
        String conversationId = first.body().get("conversationId").stringValue();

        client.json(caller, ServiceClient.body("Wie viele Zahlungsmethoden kann ich speichern?", conversationId),
                "application/json");

        // Before: the German words went to an English-only embedding model and term index as they were.
        FakeRetrieval.Received search = retrieval.received().getLast();
        assertThat(search.body().query()).isEqualTo("how many payment methods can I save?");
        assertThat(search.body().historyOrEmpty().getFirst().text()).isEqualTo("what costs the Starter- plan in the month?");
        JsonNode messages = client.get(caller, "/api/v1/conversations/" + conversationId).body().get("messages");
        assertThat(messages.get(2).get("content").stringValue())
            .isEqualTo("Wie viele Zahlungsmethoden kann ich speichern?");
    }

    @Test
    void appendsAFollowUpToTheSameConversation() throws Exception {
        CallerIdentity caller = customer(newTenant());
        Response first = client.json(caller, body("How long do refunds take?"), "application/json");
        String conversationId = first.body().get("conversationId").stringValue();

        Response second = client.json(caller, ServiceClient.body("And how long does shipping take?", conversationId),
                "application/json");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("conversationId").stringValue()).isEqualTo(conversationId);
        JsonNode messages = client.get(caller, "/api/v1/conversations/" + conversationId).body().get("messages");
        assertThat(messages.size()).isEqualTo(4);
        assertThat(List.of(messages.get(0).get("role").stringValue(), messages.get(1).get("role").stringValue(),
                messages.get(2).get("role").stringValue(), messages.get(3).get("role").stringValue()))
            .containsExactly("user", "assistant", "user", "assistant");
        assertThat(messages.get(2).get("content").stringValue()).isEqualTo("And how long does shipping take?");
        assertThat(messages.get(3).get("content").stringValue()).contains("shipping");
        assertThat(conversationCount(caller.tenantId())).isEqualTo(1);
    }

    @Test
    void answersPolitelyWhenNothingInTheHelpCenterFits() throws Exception {
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body("What is the capital of Mongolia?"));

        assertThat(sse.named("citation")).isEmpty();
        assertThat(sse.text()).startsWith("I'm sorry, I don't know the answer to that: I couldn't find it in our "
                + "help center. Could you rephrase your question, or contact our support team so a person can help?");
        JsonNode done = sse.events().getLast().data();
        assertThat(done.get("flags").get(0).stringValue()).isEqualTo("low_confidence");
        assertThat(done.get("confidence").doubleValue()).isLessThan(0.35);
        // Below the default escalation threshold: a person takes over, and the customer is told so.
        assertThat(done.get("escalated").booleanValue()).isTrue();
        assertThat(sse.text()).endsWith("a person will reply here as soon as possible.");
    }

    @Test
    void rejectsAnUnknownConversationWithNotFound() throws Exception {
        CallerIdentity caller = customer(newTenant());
        String unknown = "0b6f3c1e-8a47-4a52-9f5e-2f1f0f7c9d11";

        Response json = client.json(caller, ServiceClient.body("Hello there, anyone?", unknown), "application/json");
        Sse sse = client.stream(caller, ServiceClient.body("Hello there, anyone?", unknown));
        Response read = client.get(caller, "/api/v1/conversations/" + unknown);

        assertThat(json.status()).isEqualTo(404);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(json.body().get("type").stringValue()).isEqualTo("urn:supportrag:problem:conversation-not-found");
        assertThat(sse.status()).isEqualTo(404);
        assertThat(sse.contentType()).startsWith("application/problem+json");
        assertThat(sse.rawBody()).contains("urn:supportrag:problem:conversation-not-found");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.body().get("type").stringValue()).isEqualTo("urn:supportrag:problem:conversation-not-found");
        assertThat(messageCount(caller.tenantId(), "user")).isZero();
    }

    @Test
    void hidesConversationsOfOtherTenants() throws Exception {
        CallerIdentity owner = customer(newTenant());
        String conversationId = client.json(owner, body("How long do refunds take?"), "application/json")
            .body()
            .get("conversationId")
            .stringValue();
        CallerIdentity stranger = customer(newTenant());

        Response read = client.get(stranger, "/api/v1/conversations/" + conversationId);
        Response followUp = client.json(stranger, ServiceClient.body("And shipping?", conversationId),
                "application/json");

        assertThat(read.status()).isEqualTo(404);
        assertThat(followUp.status()).isEqualTo(404);
        assertThat(messageCount(stranger.tenantId(), "user")).isZero();
    }

    @Test
    void rejectsInvalidRequestsWithValidationProblemsAndStoresNothing() throws Exception {
        CallerIdentity caller = customer(newTenant());
        List<String> invalid = List.of("{}", body(""), body("   "), body("x".repeat(4001)),
                ServiceClient.body("Hello", "not-a-uuid"),
                "{\"message\":\"Hello\",\"knowledgeBase\":\"../etc\"}");

        for (String request : invalid) {
            Response json = client.json(caller, request, "application/json");
            Sse sse = client.stream(caller, request);

            assertThat(json.status()).as(request).isEqualTo(400);
            assertThat(json.contentType()).startsWith("application/problem+json");
            assertThat(json.body().get("type").stringValue()).isEqualTo("urn:supportrag:problem:validation");
            assertThat(json.body().get("errors").size()).isEqualTo(1);
            assertThat(sse.status()).as(request).isEqualTo(400);
            assertThat(sse.contentType()).startsWith("application/problem+json");
        }
        Response malformed = client.json(caller, "{not json", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(messageCount(caller.tenantId(), "user")).isZero();
        assertThat(conversationCount(caller.tenantId())).isZero();
        assertThat(retrieval.received()).isEmpty();
    }

    @Test
    void acceptsAMessageOfExactlyTheMaximumLength() throws Exception {
        CallerIdentity caller = customer(newTenant());

        Response json = client.json(caller, body("refund ".repeat(571) + "abc"), "application/json");

        assertThat(json.status()).isEqualTo(200);
    }

    @Test
    void requiresAnInternalToken() throws Exception {
        Response response = client.send("POST", ServiceClient.CHAT, null, body("How long do refunds take?"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").stringValue()).isEqualTo("urn:supportrag:problem:unauthorized");
    }

    @Test
    void forbidsCallersWithoutAChatRole() throws Exception {
        CallerIdentity ops = new CallerIdentity(newTenant(), "ops-1", Set.of(Roles.OPS), Set.of(), null);

        Response response = client.json(ops, body("How long do refunds take?"), "application/json");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(messageCount(ops.tenantId(), "user")).isZero();
    }

    @Test
    void endsATurnWithAHandoverWhenRetrievalIsUnavailable() throws Exception {
        retrieval.down(true);
        CallerIdentity caller = customer(newTenant());
        double before = unavailableRetrievals();

        Sse sse = client.stream(caller, body("How long do refunds take?"));

        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.events()).extracting(Event::name).doesNotContain("error").endsWith("done");
        assertThat(sse.text()).startsWith("I'm sorry, I don't know the answer to that")
            .endsWith("a person will reply here as soon as possible.");
        JsonNode done = sse.events().getLast().data();
        assertThat(done.get("escalated").booleanValue()).isTrue();
        assertThat(done.get("flags").toString()).contains("retrieval_unavailable");
        assertThat(messageCount(caller.tenantId(), "assistant")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM generation.escalations WHERE tenant_id = ?")
            .param(caller.tenantId())
            .query(Integer.class)
            .single()).as("handed over to a person").isEqualTo(1);
        assertThat(unavailableRetrievals()).isEqualTo(before + 1);
    }

    @Test
    void answersJsonTurnsWith200AndStopsCallingRetrievalOnceItsBreakerOpens() throws Exception {
        // Earlier tests' successful searches must not dilute the failure rate.
        breakers.circuitBreaker("retrieval").reset();
        retrieval.down(true);
        CallerIdentity caller = customer(newTenant());

        for (int i = 0; i < 4; i++) {
            Response response = client.json(caller, body("How long do refunds take? " + i), "application/json");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("flags").toString()).contains("retrieval_unavailable");
        }
        assertThat(breakers.circuitBreaker("retrieval").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int calls = retrieval.received().size();
        Response whileOpen = client.json(caller, body("Where is my parcel?"), "application/json");

        assertThat(whileOpen.status()).isEqualTo(200);
        assertThat(whileOpen.body().get("escalated").booleanValue()).isTrue();
        assertThat(retrieval.received()).as("no call while the breaker is open").hasSize(calls);
        assertThat(messageCount(caller.tenantId(), "assistant")).isEqualTo(5);
    }

    @AfterEach
    void closeRetrievalBreaker() {
        retrieval.down(false);
        breakers.circuitBreaker("retrieval").reset();
    }

    private double unavailableRetrievals() {
        Timer timer = meters.find(ChatObservationConvention.NAME).tags("stage", "retrieve", "outcome", "unavailable")
            .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void startsNoLlmClientWhenOffline() {
        assertThat(context.getBeanNamesForType(ChatModel.class)).isEmpty();
    }

    static List<Integer> markers(String text) {
        List<Integer> indexes = new ArrayList<>();
        Matcher marker = MARKER.matcher(text);
        while (marker.find()) {
            indexes.add(Integer.parseInt(marker.group(1)));
        }
        return indexes;
    }

    int messageCount(String tenant, String role) {
        return jdbc.sql("SELECT count(*) FROM generation.messages WHERE tenant_id = ? AND role = ?")
            .params(tenant, role)
            .query(Integer.class)
            .single();
    }

    int conversationCount(String tenant) {
        return jdbc.sql("SELECT count(*) FROM generation.conversations WHERE tenant_id = ?")
            .param(tenant)
            .query(Integer.class)
            .single();
    }

    List<String> storedTraceIds(String tenant) {
        return jdbc.sql("SELECT trace_id FROM generation.messages WHERE tenant_id = ?")
            .param(tenant)
            .query(String.class)
            .list();
    }
}
