package org.supportrag.generation.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.generation.routing.ModelChain;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.Sse;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.StubModelChain;
import org.supportrag.generation.testing.Stubs;
import org.supportrag.generation.texts.CustomerText;
import org.supportrag.generation.texts.CustomerTexts;
import org.supportrag.stub.openai.ChatRequest;
import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * The model chain over real HTTP: two OpenAI-compatible providers (primary and small, each its own stub server),
 * then the extractive answerer, then escalation; retries, timeouts, a stream cut mid-answer, the circuit breaker
 * and the bulkhead (the primary model takes one call at a time): {@link StubModelChain}.
 */
@GenerationIT
@StubModelChain
class ModelFallbackIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final OpenAiStubServer primary = Stubs.LLM;
    static final OpenAiStubServer small = Stubs.SMALL;
    static final String BIG_ANSWER = "Refunds go back to your original payment method within 5 business days [1].";
    static final String SMALL_ANSWER = "Refunds take up to 5 business days [1].";
    static final String QUESTION = "How long does it take to get my money back?";
    static final String LONG_ANSWER = "You can request a refund within 30 days of purchase [1]. Refunds go back to "
            + "your original payment method within 5 business days after we approve the request [1]. Digital gift "
            + "cards are not refundable [1].";

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ModelChain chain;

    @Autowired
    TokenCounter tokenCounter;

    @Autowired
    ServiceClient client;

    static boolean warm;

    @BeforeEach
    void setUp() throws Exception {
        if (!warm) {
            warmUpThePrimary();
            warm = true;
        }
        // Forget the warm-up's turns.
        retrieval.reset();
        primary.reset().respondWith(BIG_ANSWER);
        small.reset().respondWith(SMALL_ANSWER);
        chain.circuitBreaker("primary").reset();
        chain.circuitBreaker("small").reset();
    }

    @Test
    void anAdminsEvaluationCallIsAnsweredByTheVariantsModelAndReportsItsPromptVersions() throws Exception {
        CallerIdentity admin = new CallerIdentity(newTenant(), "eval-run:1", java.util.Set.of(
                org.supportrag.defaults.security.Roles.ADMIN), java.util.Set.of(), null);

        ServiceClient.Response answer = client.json(admin, "{\"message\": \"" + QUESTION
                + "\", \"evaluation\": {\"model\": \"small\"}}", "application/json");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("model").asString()).isEqualTo("small-model");
        assertThat(primary.chatRequests()).isEmpty();
        assertThat(answer.body().path("evaluation").path("promptVersions").toString()).contains("answer-system")
            .contains("\"scope\":\"global\"");
    }

    @Test
    void answersWithThePrimaryModelAndRecordsItsCost() throws Exception {
        CallerIdentity caller = customer(newTenant());

        JsonNode done = done(client.stream(caller, body(QUESTION)));

        assertThat(done.get("model").stringValue()).isEqualTo("big-model");
        assertThat(done.get("flags").isEmpty()).isTrue();
        assertThat(primary.chatRequests()).hasSize(1);
        assertThat(small.requests()).isEmpty();
        int prompt = done.get("usage").get("promptTokens").intValue();
        int completion = done.get("usage").get("completionTokens").intValue();
        assertThat(prompt).isEqualTo(stubTokens(primary.chatRequests().getFirst()));
        // 3 and 15 USD per million tokens; the in-process query embedding is free.
        assertThat(done.get("usage").get("costUsd").doubleValue())
            .isCloseTo((prompt * 3.0 + completion * 15.0) / 1_000_000, within(1e-9));
        assertThat(usageRows(caller)).containsExactly("embedding:query-embedding:ok", "chat:primary:ok");

        // OpenTelemetry GenAI metric names and attributes, plus the cost counter.
        String metrics = java.net.http.HttpClient.newHttpClient()
            .send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
        assertThat(metrics).containsPattern("gen_ai_client_token_usage_total\\{[^}]*gen_ai_operation_name=\"chat\""
                + "[^}]*gen_ai_request_model=\"big-model\"[^}]*gen_ai_system=\"openai\"[^}]*gen_ai_token_type=\"input\"")
            .containsPattern("gen_ai_client_operation_duration_seconds_count\\{[^}]*gen_ai_request_model=\"big-model\"")
            .containsPattern("rag_usage_cost_usd_total\\{[^}]*model=\"big-model\"[^}]*tenant=");
    }

    @Test
    void fallsBackToTheSmallModelWhenThePrimaryFailsWith500AfterARetry() throws Exception {
        primary.failNext(2, 500);
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body(QUESTION));

        JsonNode done = done(sse);
        assertThat(done.get("model").stringValue()).isEqualTo("small-model");
        assertThat(done.get("flags").toString()).contains("llm_fallback");
        assertThat(sse.text()).isEqualTo(SMALL_ANSWER);
        // Retried once (two attempts), then the next model.
        assertThat(primary.requests()).hasSize(2);
        assertThat(small.chatRequests()).hasSize(1);
        // Failed attempts are recorded but cost nothing; the turn costs the small model's call.
        int prompt = stubTokens(small.chatRequests().getFirst());
        int completion = LlmProviderIT.stubTokens(SMALL_ANSWER);
        assertThat(done.get("usage").get("costUsd").doubleValue())
            .isCloseTo((prompt * 0.5 + completion * 1.5) / 1_000_000, within(1e-9));
        assertThat(usageRows(caller)).containsExactly("embedding:query-embedding:ok", "chat:primary:failed",
                "chat:primary:failed", "chat:small:ok");
    }

    @Test
    void retriesARetryableFailureOnTheSameModel() throws Exception {
        primary.failNext(1, 503);

        JsonNode done = done(client.stream(customer(newTenant()), body(QUESTION)));

        assertThat(done.get("model").stringValue()).isEqualTo("big-model");
        assertThat(primary.requests()).hasSize(2);
        assertThat(small.requests()).isEmpty();
    }

    @Test
    void doesNotRetryAClientError() throws Exception {
        primary.failNext(1, 400);

        JsonNode done = done(client.stream(customer(newTenant()), body(QUESTION)));

        assertThat(done.get("model").stringValue()).isEqualTo("small-model");
        assertThat(primary.requests()).hasSize(1);
    }

    @Test
    void fallsBackToTheSmallModelWhenThePrimaryTimesOut() throws Exception {
        primary.timeoutNext(2);

        Sse sse = client.stream(customer(newTenant()), body(QUESTION));

        JsonNode done = done(sse);
        assertThat(done.get("model").stringValue()).isEqualTo("small-model");
        assertThat(sse.text()).isEqualTo(SMALL_ANSWER);
        assertThat(primary.requests()).hasSize(2);
    }

    @Test
    void completesAStreamCutMidAnswerWithTheNextModel() throws Exception {
        primary.cutStreamAfter(3);
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body(QUESTION));

        JsonNode done = done(sse);
        assertThat(done.get("model").stringValue()).isEqualTo("small-model");
        assertThat(done.get("flags").toString()).contains("llm_interrupted").contains("llm_fallback");
        assertThat(done.get("escalated").booleanValue()).isFalse();
        // (The confidence rules may append a caveat to an answer that was interrupted.)
        assertThat(sse.text()).startsWith("Refunds go back\n\n(Sorry, that answer was interrupted. Here is the "
                + "complete answer:)\n\n" + SMALL_ANSWER);
        assertThat(storedAnswer(caller)).isEqualTo(sse.text());
        // The broken-off call was billed (estimated) like the one that completed it.
        assertThat(usageRows(caller)).containsExactly("embedding:query-embedding:ok", "chat:primary:interrupted",
                "chat:small:ok");
        assertThat(sse.named("citation")).hasSize(1);
    }

    @Test
    void escalatesCleanlyWhenEveryModelFailsAndTheHelpCenterHasNoAnswer() throws Exception {
        primary.failNext(10, 500);
        small.failNext(10, 502);
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body("Can I bring my dog to the office party on Friday?"));

        JsonNode done = done(sse);
        assertThat(done.get("escalated").booleanValue()).isTrue();
        assertThat(done.get("flags").toString()).contains("all_models_failed");
        assertThat(sse.text()).contains("a person will reply here");
        assertThat(storedAnswer(caller)).isEqualTo(sse.text());
    }

    @Test
    void tellsAGermanCustomerInGermanWhenEveryModelFailsAndTheHelpCenterHasNoAnswer(@Autowired CustomerTexts texts)
            throws Exception {
        primary.failNext(10, 500);
        small.failNext(10, 502);
        CallerIdentity caller = customer(newTenant());

        Sse sse = client.stream(caller, body("Kann ich meinen Hund am Freitag zur Firmenfeier mitbringen?"));

        assertThat(done(sse).get("flags").toString()).contains("all_models_failed");
        assertThat(sse.text()).startsWith(texts.get(CustomerText.CHAIN_ESCALATION, Locale.GERMAN))
            .doesNotContain("I'm sorry").doesNotContain("support team");
        assertThat(storedAnswer(caller)).isEqualTo(sse.text());
    }

    @Test
    void quotesTheHelpCenterWhenEveryModelFailsButItHasTheAnswer() throws Exception {
        primary.failNext(10, 500);
        small.failNext(10, 500);

        Sse sse = client.stream(customer(newTenant()), body(QUESTION));

        JsonNode done = done(sse);
        assertThat(done.get("escalated").booleanValue()).isFalse();
        assertThat(done.get("model").stringValue()).isEqualTo("offline-extractive");
        assertThat(sse.text()).contains("within 5 business days");
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndClosesItOnceThePrimaryRecovers() throws Exception {
        primary.failNext(100, 500);
        CircuitBreaker breaker = chain.circuitBreaker("primary");

        // Two turns, two failed attempts each: the window of four calls is full of failures.
        done(client.stream(customer(newTenant()), body(QUESTION)));
        done(client.stream(customer(newTenant()), body(QUESTION)));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpened = primary.requests().size();

        CallerIdentity duringOpen = customer(newTenant());
        JsonNode whileOpen = done(client.stream(duringOpen, body(QUESTION)));

        assertThat(primary.requests()).hasSize(callsWhenOpened);
        assertThat(whileOpen.get("model").stringValue()).isEqualTo("small-model");
        assertThat(attempts(duringOpen)).containsExactly("primary:circuit_open", "small:ok");

        primary.reset().respondWith(BIG_ANSWER);
        // Once the open state's 1.5 s have passed, a turn tries the primary again and gets its answer.
        await().atMost(Duration.ofSeconds(10))
            .pollDelay(Duration.ofMillis(500))
            .pollInterval(Duration.ofMillis(300))
            .untilAsserted(() -> assertThat(done(client.stream(customer(newTenant()), body(QUESTION))).get("model")
                .stringValue()).isEqualTo("big-model"));

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void sendsATurnDownTheChainWhileThePrimarysBulkheadIsFullAndReleasesItsPermitAfterwards() throws Exception {
        // Slow tokens (35 of them) keep the first turn's call to the primary, its only permit, open for about 7 s.
        primary.respondWith(LONG_ANSWER).tokenDelay(Duration.ofMillis(200));
        CallerIdentity first = customer(newTenant());
        CallerIdentity second = customer(newTenant());
        Sse firstTurn;
        Sse secondTurn;
        boolean secondEndedWhileFirstStreamed;
        try (var turns = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Sse> inFlight = CompletableFuture.supplyAsync(() -> stream(first), turns);
            awaitPrimaryRequests(1);

            secondTurn = CompletableFuture.supplyAsync(() -> stream(second), turns).get(30, TimeUnit.SECONDS);
            secondEndedWhileFirstStreamed = !inFlight.isDone();
            firstTurn = inFlight.get(30, TimeUnit.SECONDS);
        }

        // Neither customer saw an error: one answer from each model.
        for (Sse turn : List.of(firstTurn, secondTurn)) {
            assertThat(turn.status()).isEqualTo(200);
            assertThat(turn.named("error")).isEmpty();
        }
        assertThat(done(firstTurn).get("model").stringValue()).isEqualTo("big-model");
        assertThat(firstTurn.text()).isEqualTo(LONG_ANSWER);
        assertThat(done(secondTurn).get("model").stringValue()).isEqualTo("small-model");
        assertThat(done(secondTurn).get("flags").toString()).contains("llm_fallback");
        assertThat(secondTurn.text()).isEqualTo(SMALL_ANSWER);
        // The turn that found the bulkhead full never reached the primary and paid only for the small model.
        assertThat(primary.chatRequests()).hasSize(1);
        assertThat(attempts(first)).containsExactly("primary:ok");
        assertThat(attempts(second)).containsExactly("primary:bulkhead_full", "small:ok");
        assertThat(usageRows(second)).containsExactly("embedding:query-embedding:ok", "chat:small:ok");
        assertThat(secondEndedWhileFirstStreamed).as("the second turn ended while the first held the permit").isTrue();

        // The permit is back: the next turn is the primary's again.
        primary.tokenDelay(Duration.ZERO);
        CallerIdentity third = customer(newTenant());
        JsonNode after = done(client.stream(third, body(QUESTION)));

        assertThat(after.get("model").stringValue()).isEqualTo("big-model");
        assertThat(attempts(third)).containsExactly("primary:ok");
        assertThat(primary.chatRequests()).hasSize(2);
    }

    @Test
    void countsTokensItselfWhenTheProviderReportsNoUsage() throws Exception {
        primary.reportUsage(false);

        JsonNode done = done(client.stream(customer(newTenant()), body(QUESTION)));

        ChatRequest sent = primary.chatRequests().getFirst();
        int estimated = sent.messages().stream().mapToInt(message -> tokenCounter.count(message.content())).sum();
        assertThat(done.get("usage").get("promptTokens").intValue()).isEqualTo(estimated);
        assertThat(done.get("usage").get("completionTokens").intValue()).isEqualTo(tokenCounter.count(BIG_ANSWER));
        assertThat(done.get("usage").get("costUsd").doubleValue()).isPositive();
    }

    private static JsonNode done(Sse sse) {
        assertThat(sse.events().getLast().name()).isEqualTo("done");
        return sse.events().getLast().data();
    }

    private static int stubTokens(ChatRequest request) {
        return request.messages().stream().mapToInt(message -> LlmProviderIT.stubTokens(message.content())).sum();
    }

    /**
     * The first calls of a cold service (the OpenAI client's first use, on a busy machine) can miss the primary's
     * 1 s first-token timeout, which would send whichever test runs first down the chain: answers turns until the
     * primary answers one (setUp then forgets them in the breakers and stubs).
     */
    private void warmUpThePrimary() throws Exception {
        primary.reset().respondWith(BIG_ANSWER);
        small.reset().respondWith(SMALL_ANSWER);
        for (int turn = 0; turn < 5; turn++) {
            JsonNode done = done(client.stream(customer(newTenant()), body(QUESTION)));
            if (done.get("model").stringValue().equals("big-model")) {
                return;
            }
        }
        throw new AssertionError("The primary model did not answer within five turns");
    }

    private Sse stream(CallerIdentity caller) {
        try {
            return client.stream(caller, body(QUESTION));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void awaitPrimaryRequests(int count) {
        await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(10))
            .alias("the primary received " + count + " requests")
            .until(() -> primary.chatRequests().size() >= count);
    }

    /** The model chain's attempts of the caller's only turn, as the interaction log holds them. */
    private List<String> attempts(CallerIdentity caller) {
        String json = jdbc.sql("SELECT attempts::text FROM generation.interaction_log WHERE tenant_id = ?")
            .param(caller.tenantId())
            .query(String.class)
            .single();
        return FakeRetrieval.JSON.readValue(json, new TypeReference<List<String>>() {
        });
    }

    private List<String> usageRows(CallerIdentity caller) {
        return jdbc.sql("SELECT operation || ':' || model || ':' || outcome FROM generation.llm_usage "
                + "WHERE tenant_id = ? ORDER BY id")
            .param(caller.tenantId())
            .query(String.class)
            .list();
    }

    private String storedAnswer(CallerIdentity caller) {
        return jdbc.sql("SELECT content FROM generation.messages WHERE tenant_id = ? AND role = 'assistant'")
            .param(caller.tenantId())
            .query(String.class)
            .single();
    }

}
