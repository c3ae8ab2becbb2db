package org.supportrag.generation.model;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.supportrag.contracts.generation.v1.GenerationApi;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.generation.answer.ExtractiveAnswerer;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.Event;
import org.supportrag.generation.testing.ServiceClient.Sse;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.StubOpenAiProvider;
import org.supportrag.generation.testing.Stubs;
import org.supportrag.stub.openai.ChatRequest;
import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/** The chat API answering with an OpenAI-compatible provider (the stub server, over real HTTP). */
@GenerationIT
@StubOpenAiProvider
class LlmProviderIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final OpenAiStubServer llm = Stubs.LLM;
    // The stub's usage counting: runs of letters/digits, or single other non-space characters.
    static final Pattern STUB_TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");
    static final String ANSWER = "Refunds go back to your original payment method within 5 business days [1]. "
            + "Gift cards cannot be refunded [1].";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServiceClient client;

    @Test
    void streamsTheProvidersAnswerThroughAsTokensWithCitationsAndUsage() throws Exception {
        llm.respondWith(ANSWER).tokenDelay(Duration.ofMillis(60));
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body("How long do refunds take?"));

        assertThat(sse.events().getFirst().name()).isEqualTo("meta");
        assertThat(sse.events().getLast().name()).isEqualTo("done");
        assertThat(sse.text()).isEqualTo(ANSWER);
        assertThat(sse.named("token")).hasSizeGreaterThan(10);
        List<Event> citations = sse.named("citation");
        assertThat(citations).hasSize(1);
        assertThat(citations.getFirst().data().get("index").intValue()).isEqualTo(1);
        assertThat(citations.getFirst().data().get("chunkId").stringValue())
            .isEqualTo(FakeRetrieval.REFUNDS.chunkId().toString());
        // The citation came right after "[1]." streamed, long before the end of the answer.
        int citationAt = sse.events().indexOf(citations.getFirst());
        String before = sse.events().subList(0, citationAt).stream()
            .filter(event -> event.name().equals("token"))
            .map(event -> event.data().get("text").stringValue())
            .reduce("", String::concat);
        assertThat(before).endsWith("[1].");
        // Tokens arrived as the provider produced them, not all at once at the end.
        Event firstToken = sse.named("token").getFirst();
        assertThat(TimeUnit.NANOSECONDS.toMillis(sse.events().getLast().arrivedNanos() - firstToken.arrivedNanos()))
            .isGreaterThan(500);

        ChatRequest sent = llm.chatRequests().getFirst();
        assertThat(sent.model()).isEqualTo("stub-model");
        assertThat(sent.stream()).isTrue();
        assertThat(sent.includeUsage()).isTrue();
        assertThat(sent.messages().getFirst().role()).isEqualTo("system");
        assertThat(sent.messages().getFirst().content()).contains("Cite every statement");
        assertThat(sent.lastUserMessage()).contains("[1] Refund policy — Billing > Refunds")
            .contains("[2] Shipping\nStandard shipping")
            .contains("How long do refunds take?");

        // Usage is the provider's own count, not an estimate.
        int promptTokens = sent.messages().stream().mapToInt(message -> stubTokens(message.content())).sum();
        int completionTokens = stubTokens(ANSWER);
        JsonNode done = sse.events().getLast().data();
        assertThat(done.get("model").stringValue()).isEqualTo("stub-model");
        assertThat(done.get("flags").isEmpty()).isTrue();
        assertThat(done.get("confidence").doubleValue()).isBetween(0.5, 1.0);
        assertThat(done.get("usage").get("promptTokens").intValue()).isEqualTo(promptTokens);
        assertThat(done.get("usage").get("completionTokens").intValue()).isEqualTo(completionTokens);
        assertThat(done.get("usage").get("costUsd").doubleValue())
            .isCloseTo((promptTokens * 2.0 + completionTokens * 8.0) / 1_000_000, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(jdbc.sql("""
                SELECT prompt_tokens FROM generation.messages WHERE tenant_id = ? AND role = 'assistant'""")
            .param(caller.tenantId())
            .query(Integer.class)
            .single()).isEqualTo(promptTokens);
        assertThat(jdbc.sql("SELECT model FROM generation.messages WHERE tenant_id = ? AND role = 'assistant'")
            .param(caller.tenantId())
            .query(String.class)
            .single()).isEqualTo("stub-model");
    }

    @Test
    void answersInJsonModeWithTheProvidersAnswer() throws Exception {
        llm.respondWith(ANSWER);
        CallerIdentity caller = customer(newTenant());

        JsonNode answer = client.json(caller, body("How long do refunds take?"), "application/json").body();

        assertThat(answer.get("answer").stringValue()).isEqualTo(ANSWER);
        assertThat(answer.get("citations").size()).isEqualTo(1);
        assertThat(answer.get("model").stringValue()).isEqualTo("stub-model");
    }

    @Test
    void sendsEarlierMessagesAlongWithAFollowUp() throws Exception {
        llm.respondWith(ANSWER);
        CallerIdentity caller = customer(newTenant());
        String conversationId = client.json(caller, body("How long do refunds take?"), "application/json")
            .body()
            .get("conversationId")
            .stringValue();

        client.json(caller, ServiceClient.body("And for gift cards?", conversationId), "application/json");

        ChatRequest followUp = llm.chatRequests().getLast();
        assertThat(followUp.messages()).extracting(ChatRequest.Message::role)
            .containsExactly("system", "user", "assistant", "user");
        assertThat(followUp.messages().get(1).content()).isEqualTo("How long do refunds take?");
        // Old citation numbers are dropped from the history.
        assertThat(followUp.messages().get(2).content()).doesNotContain("[1]").contains("5 business days");
    }

    @Test
    void fallsBackToTheExtractiveAnswerWhenTheProviderFails() throws Exception {
        llm.failNext(10, 500);
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body("How long do refunds take?"));

        assertThat(sse.events().getLast().name()).isEqualTo("done");
        JsonNode done = sse.events().getLast().data();
        assertThat(done.get("model").stringValue()).isEqualTo(ExtractiveAnswerer.MODEL);
        assertThat(done.get("flags").toString()).contains("llm_fallback");
        assertThat(sse.text()).contains("within 5 business days").endsWith("[1].");
        assertThat(sse.named("citation")).hasSize(1);
        assertThat(llm.requests()).isNotEmpty();
    }

    @Test
    void completesAnInterruptedAnswerWithTheNextLinkOfTheChain() throws Exception {
        llm.respondWith(ANSWER).cutStreamAfter(4);
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body("How long do refunds take?"));

        assertThat(sse.events().getLast().name()).isEqualTo("done");
        JsonNode done = sse.events().getLast().data();
        assertThat(done.get("flags").toString()).contains("llm_interrupted").contains("llm_fallback");
        assertThat(done.get("escalated").booleanValue()).isFalse();
        // Only one model is configured: the extractive answer completes the interrupted one after a bridge.
        assertThat(sse.text()).startsWith("Refunds go back to\n\n(Sorry, that answer was interrupted.")
            .contains("within 5 business days")
            .endsWith("[1].");
        String stored = jdbc.sql("SELECT content FROM generation.messages WHERE tenant_id = ? AND role = 'assistant'")
            .param(caller.tenantId())
            .query(String.class)
            .single();
        assertThat(stored).isEqualTo(sse.text());
    }

    @Test
    void doesNotCallTheProviderWhenNothingWasRetrieved() throws Exception {
        retrieval.results(List.of());
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body("How long do refunds take?"));

        assertThat(sse.events().getLast().data().get("flags").toString()).contains("low_confidence");
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void answersFromTheCacheWithoutCallingTheProviderUnlessTheQuestionDiffersOrItsDocumentChanged() throws Exception {
        llm.respondWith(ANSWER);
        String tenant = newTenant();
        String question = "Can I get a refund within 30 days of purchase?";

        JsonNode miss = ask(tenant, question);
        assertThat(miss.get("flags").toString()).doesNotContain("cache_hit");
        assertThat(llm.chatRequests()).hasSize(1);

        // Hit: the provider's answer again, from the cache.
        JsonNode hit = ask(tenant, "can I get a refund within 30 days of purchase");
        assertThat(hit.get("flags").toString()).contains("cache_hit");
        assertThat(hit.get("answer").stringValue()).isEqualTo(ANSWER);
        assertThat(llm.chatRequests()).hasSize(1);

        // Wrong-hit guard: nearly the same question with another number goes to the provider.
        JsonNode otherNumber = ask(tenant, "Can I get a refund within 60 days of purchase?");
        assertThat(otherNumber.get("flags").toString()).doesNotContain("cache_hit");
        assertThat(llm.chatRequests()).hasSize(2);

        // Invalidation: once the cited document changed, the provider answers again.
        ServiceClient.Response changed = client.post(
                CallerIdentity.service(tenant, "ingestion-service"), GenerationApi.DOCUMENT_CHANGES, """
                        {"knowledgeBase": "default", "documentIds": ["%s"], "change": "updated"}"""
                    .formatted(FakeRetrieval.REFUNDS.documentId()));
        assertThat(changed.status()).isEqualTo(204);
        JsonNode afterChange = ask(tenant, question);
        assertThat(afterChange.get("flags").toString()).doesNotContain("cache_hit");
        assertThat(llm.chatRequests()).hasSize(3);
    }

    private JsonNode ask(String tenant, String question) throws Exception {
        ServiceClient.Response answer = client.json(customer(tenant), body(question), "application/json");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    static int stubTokens(String text) {
        Matcher token = STUB_TOKEN.matcher(text);
        int count = 0;
        while (token.find()) {
            count++;
        }
        return count;
    }
}
