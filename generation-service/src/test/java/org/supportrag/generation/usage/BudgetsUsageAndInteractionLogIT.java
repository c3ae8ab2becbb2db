package org.supportrag.generation.usage;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.budget.BudgetService;
import org.supportrag.generation.interactionlog.InteractionLog;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.ServiceClient.Response;
import org.supportrag.generation.testing.Stubs;
import org.supportrag.generation.usage.UsageLedger;
import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * Routing by tier and complexity, budgets enforced before the model call and changed at run time through the admin
 * API, usage reports, and the PII-redacted interaction log with its retention purge; over real HTTP and PostgreSQL.
 */
@GenerationIT
@TestPropertySource(properties = { "rag.generation.models.primary.provider=openai",
        "rag.generation.models.primary.api-key=sk-test", "rag.generation.models.primary.model=big-model",
        "rag.generation.models.primary.prompt-price-per-million=3",
        "rag.generation.models.primary.completion-price-per-million=15",
        "rag.generation.models.small.provider=openai", "rag.generation.models.small.api-key=sk-test",
        "rag.generation.models.small.model=small-model", "rag.generation.models.small.prompt-price-per-million=0.5",
        "rag.generation.models.small.completion-price-per-million=1.5", "rag.generation.routing.simple-max-words=3",
        "rag.generation.routing.tiers.free=small", "rag.generation.usage.embedding-price-per-million=0.02",
        "rag.generation.interaction-log.retention=30d", "rag.generation.models.primary.base-url=" + Stubs.LLM_URL,
        "rag.generation.models.small.base-url=" + Stubs.LLM_URL })
class BudgetsUsageAndInteractionLogIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final OpenAiStubServer llm = Stubs.LLM;
    static final String BIG = "Refunds reach your original payment method within 5 business days [1].";
    static final String SMALL = "Refunds take 5 business days [1].";
    static final String QUESTION = "How long does it take to get my money back?";

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InteractionLog interactionLog;

    @Autowired
    UsageLedger ledger;

    @Autowired
    ServiceClient client;

    @Autowired
    BudgetService budgets;

    @BeforeEach
    void setUp() {
        llm.respondForModel("big-model", BIG).respondForModel("small-model", SMALL);
    }

    @Test
    void routesSimpleQuestionsAndFreeTierTenantsToTheSmallModel() throws Exception {
        String tenant = newTenant();

        assertThat(answer(customer(tenant), QUESTION).get("model").stringValue()).isEqualTo("big-model");
        assertThat(answer(customer(tenant), "Refund time?").get("model").stringValue()).isEqualTo("small-model");

        assertThat(put(admin(tenant), "{\"tier\": \"free\"}").status()).isEqualTo(200);
        assertThat(answer(customer(tenant), "How many days until a refund reaches my card?").get("model")
            .stringValue()).isEqualTo("small-model");
    }

    @Test
    void refusesPolitelyOnceTheDailyTokenBudgetIsSpentWithoutCallingAModel() throws Exception {
        String tenant = newTenant();
        Response saved = put(admin(tenant), "{\"dailyTokens\": 10, \"onExhausted\": \"refuse\"}");
        assertThat(saved.status()).isEqualTo(200);

        JsonNode first = answer(customer(tenant), QUESTION);
        int callsAfterFirst = llm.chatRequests().size();
        JsonNode second = answer(customer(tenant), "And how long do refunds for gift cards take?");

        assertThat(first.get("model").stringValue()).isEqualTo("big-model");
        assertThat(second.get("answer").stringValue()).contains("reached its usage limit");
        assertThat(second.get("flags").toString()).contains("budget_exhausted");
        assertThat(llm.chatRequests()).hasSize(callsAfterFirst);
        JsonNode budget = json(get(admin(tenant), "/api/v1/budgets"));
        assertThat(budget.get("exhausted").toString()).contains("daily_tokens");
        assertThat(budget.get("today").get("tokens").longValue()).isGreaterThan(10);
    }

    @Test
    void holdsTheDailyTokenBudgetWithinOneTurnWhenTurnsRunConcurrently() throws Exception {
        String probe = newTenant();
        answer(customer(probe), QUESTION);
        long oneTurn = json(get(admin(probe), "/api/v1/budgets")).get("today").get("tokens").longValue();
        String tenant = newTenant();
        long limit = oneTurn * 5 / 2;
        assertThat(put(admin(tenant), "{\"dailyTokens\": " + limit + ", \"onExhausted\": \"refuse\"}").status())
            .isEqualTo(200);

        List<JsonNode> answers = new ArrayList<>();
        // Slow model calls: all eight turns pass the budget check while the first ones are still running.
        llm.latency(Duration.ofMillis(500));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<JsonNode>> turns = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String question = QUESTION + " Asking for order " + (1000 + i) + ".";
                turns.add(pool.submit(() -> answer(customer(tenant), question)));
            }
            for (Future<JsonNode> turn : turns) {
                answers.add(turn.get());
            }
        }
        finally {
            llm.latency(Duration.ZERO);
        }

        long spent = json(get(admin(tenant), "/api/v1/budgets")).get("today").get("tokens").longValue();
        // Within one turn (its questions differ by a few tokens from the probe's) of the limit; without
        // reservations all eight would be answered.
        assertThat(spent).isLessThanOrEqualTo(limit + oneTurn * 11 / 10);
        assertThat(answers).filteredOn(answer -> answer.get("flags").toString().contains("budget_exhausted"))
            .isNotEmpty();
        assertThat(jdbc.sql("SELECT sum(reserved_tokens) FROM generation.tenant_usage_daily WHERE tenant_id = ?")
            .param(tenant)
            .query(Long.class)
            .single()).as("every reservation given back").isZero();
    }

    @Test
    void givesBackTheReservationOfACrashedTurnOnceAndLeavesRunningTurnsReservationsAlone() throws Exception {
        String tenant = newTenant();
        assertThat(put(admin(tenant), "{\"dailyTokens\": 1000, \"onExhausted\": \"refuse\"}").status())
            .isEqualTo(200);
        BudgetService.Reservation running = budgets.reserve(tenant, 50, new BigDecimal("0.001"));
        BudgetService.Reservation crashed = budgets.reserve(tenant, 950, new BigDecimal("0.01"));
        // The crashed turn reserved twenty minutes ago and never released; the running one just started.
        jdbc.sql("UPDATE generation.budget_reservations SET reserved_at = now() - interval '20 minutes' WHERE id = ?")
            .param(crashed.id())
            .update();
        assertThat(budgets.reserve(tenant, 100, BigDecimal.ZERO).status().isExhausted())
            .as("the left-behind reservation holds the budget").isTrue();

        assertThat(budgets.releaseStale(Duration.ofMinutes(15))).as("released by this sweep")
            .isGreaterThanOrEqualTo(1);

        assertThat(reservedTokens(tenant)).as("only the running turn's reservation is left").isEqualTo(50);
        budgets.release(crashed);
        assertThat(reservedTokens(tenant)).as("a late release of a swept reservation gives nothing back twice")
            .isEqualTo(50);
        budgets.release(running);
        assertThat(reservedTokens(tenant)).isZero();
        assertThat(answer(customer(tenant), QUESTION).get("flags").toString()).doesNotContain("budget_exhausted");
    }

    private long reservedTokens(String tenant) {
        return jdbc.sql("SELECT sum(reserved_tokens) FROM generation.tenant_usage_daily WHERE tenant_id = ?")
            .param(tenant)
            .query(Long.class)
            .single();
    }

    @Test
    void switchesToTheCheaperModelOnceTheMonthlyCostBudgetIsSpent() throws Exception {
        String tenant = newTenant();
        put(admin(tenant), "{\"monthlyCostUsd\": 0.000001, \"onExhausted\": \"cheaper_model\"}");

        JsonNode first = answer(customer(tenant), QUESTION);
        JsonNode second = answer(customer(tenant), "And how long do refunds for gift cards take?");

        assertThat(first.get("model").stringValue()).isEqualTo("big-model");
        assertThat(second.get("model").stringValue()).isEqualTo("small-model");
        assertThat(second.get("flags").toString()).contains("budget_exhausted");
    }

    @Test
    void letsAdminsChangeBudgetsAndOpsOnlyReadThem() throws Exception {
        String tenant = newTenant();
        CallerIdentity ops = new CallerIdentity(tenant, "ops@example.com", Set.of(Roles.OPS), Set.of(), null);

        JsonNode defaults = json(get(ops, "/api/v1/budgets"));
        Response byOps = put(ops, "{\"dailyTokens\": 5}");
        Response byCustomer = put(customer(tenant), "{\"dailyTokens\": 5}");
        Response invalid = put(admin(tenant), "{\"dailyTokens\": -1, \"onExhausted\": \"shrug\"}");
        Response saved = put(admin(tenant), "{\"dailyTokens\": 5000, \"monthlyCostUsd\": 12.5}");

        assertThat(defaults.get("onExhausted").stringValue()).isEqualTo("cheaper_model");
        assertThat(defaults.get("dailyTokens").isNull()).isTrue();
        assertThat(byOps.status()).isEqualTo(403);
        assertThat(byCustomer.status()).isEqualTo(403);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.body().toString()).contains("dailyTokens").contains("onExhausted");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(json(saved).get("updatedBy").stringValue()).isEqualTo("admin@example.com");
        // Stored in PostgreSQL, so every replica sees it; another tenant's admin does not.
        assertThat(jdbc.sql("SELECT daily_tokens FROM generation.tenant_budgets WHERE tenant_id = ?")
            .param(tenant)
            .query(Long.class)
            .single()).isEqualTo(5000L);
        assertThat(json(get(admin(newTenant()), "/api/v1/budgets")).get("dailyTokens").isNull()).isTrue();
    }

    @Test
    void reportsUsageAndCostPerTenantAndConversationIncludingEmbeddings() throws Exception {
        String tenant = newTenant();
        CallerIdentity caller = customer(tenant);
        JsonNode first = answer(caller, QUESTION);
        UUID conversation = UUID.fromString(first.get("conversationId").stringValue());
        JsonNode second = client.json(caller, ServiceClient.body("And gift cards?", conversation.toString()),
                "application/json").body();

        JsonNode usage = json(get(new CallerIdentity(tenant, "ops", Set.of(Roles.OPS), Set.of(), null),
                "/api/v1/usage?conversationId=" + conversation));

        double turns = first.get("usage").get("costUsd").doubleValue() + second.get("usage").get("costUsd").doubleValue();
        assertThat(turns).isPositive();
        assertThat(usage.get("conversation").get("costUsd").doubleValue()).isCloseTo(turns,
                org.assertj.core.data.Offset.offset(1e-8));
        assertThat(usage.get("today").get("costUsd").doubleValue()).isCloseTo(turns,
                org.assertj.core.data.Offset.offset(1e-8));
        assertThat(usage.get("monthByModel").toString()).contains("\"operation\":\"embedding\"")
            .contains("\"model\":\"primary\"");
        // Staff see each answer's cost in the conversation view (the agent console shows it).
        JsonNode view = json(get(admin(tenant), "/api/v1/conversations/" + conversation));
        assertThat(view.get("messages").get(1).get("costUsd").doubleValue()).isCloseTo(
                first.get("usage").get("costUsd").doubleValue(), org.assertj.core.data.Offset.offset(1e-8));
        assertThat(view.get("messages").get(3).get("costUsd").doubleValue()).isCloseTo(
                second.get("usage").get("costUsd").doubleValue(), org.assertj.core.data.Offset.offset(1e-8));
        Response byCustomer = get(caller, "/api/v1/usage");
        assertThat(byCustomer.status()).isEqualTo(403);
    }

    @Test
    void recordsWhatACacheHitSavedWithoutCountingItAsSpending() throws Exception {
        String tenant = newTenant();
        JsonNode first = answer(customer(tenant), QUESTION);
        JsonNode hit = answer(customer(tenant), QUESTION);
        UUID conversation = UUID.fromString(hit.get("conversationId").stringValue());
        int llmCalls = llm.chatRequests().size();

        JsonNode usage = json(get(admin(tenant), "/api/v1/usage?conversationId=" + conversation));

        assertThat(hit.get("flags").toString()).contains("cache_hit");
        assertThat(llm.chatRequests()).hasSize(llmCalls);
        // Saved: the cached answer's model call priced again (its tokens at the primary model's prices), which is
        // the first turn's cost less its query embedding (a few tokens at 0.02 USD per million).
        double firstCost = first.get("usage").get("costUsd").doubleValue();
        assertThat(usage.get("conversation").get("savedUsd").doubleValue()).isPositive()
            .isCloseTo(firstCost, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(usage.get("conversation").get("costUsd").doubleValue()).isZero();
        assertThat(usage.get("today").get("costUsd").doubleValue()).isCloseTo(firstCost,
                org.assertj.core.data.Offset.offset(1e-9));
        // The API for the cache prices a hit by the model that wrote it, too.
        assertThat(ledger.recordCacheHit(tenant, conversation, UUID.randomUUID(), "primary", 1_000, 100))
            .isEqualByComparingTo("0.0045");
        assertThat(count(tenant)).isEqualTo(2);
    }

    @Test
    void logsEveryTurnWithPiiRedactedAndPurgesRowsPastTheRetention() throws Exception {
        String tenant = newTenant();
        JsonNode answer = answer(customer(tenant),
                "I paid with card 4111 1111 1111 1111, mail me at jane.doe@example.com: how long do refunds take?");

        JsonNode row = jdbc.sql("""
                SELECT json_build_object('question', question, 'retrieved', retrieved, 'model', model,
                    'prompt', prompt_version, 'latency', latency_ms, 'cost', cost_usd, 'trace', trace_id,
                    'citations', citations, 'answer', answer, 'flags', flags)::text
                FROM generation.interaction_log WHERE tenant_id = ?""")
            .param(tenant)
            .query((rs, n) -> FakeRetrieval.JSON.readTree(rs.getString(1)))
            .single();
        assertThat(row.get("question").stringValue()).isEqualTo(
                "I paid with card [card], mail me at [email]: how long do refunds take?");
        assertThat(row.get("retrieved").size()).isEqualTo(3);
        assertThat(row.get("retrieved").get(0).get("chunkId").stringValue())
            .isEqualTo(FakeRetrieval.REFUNDS.chunkId().toString());
        assertThat(row.get("retrieved").get(0).get("score").doubleValue()).isEqualTo(0.82);
        assertThat(row.get("model").stringValue()).isEqualTo("big-model");
        assertThat(row.get("prompt").toString()).contains("answer-system");
        assertThat(row.get("latency").get("retrievalMs").isNumber()).isTrue();
        assertThat(row.get("latency").get("firstTokenMs").longValue()).isNotNegative();
        assertThat(row.get("cost").doubleValue()).isEqualTo(answer.get("usage").get("costUsd").doubleValue());
        assertThat(row.get("citations").get(0).get("index").intValue()).isEqualTo(1);
        assertThat(row.get("answer").stringValue()).isEqualTo(BIG);
        assertThat(row.get("trace").stringValue()).isEqualTo(answer.get("traceId").stringValue());

        jdbc.sql("UPDATE generation.interaction_log SET created_at = now() - interval '31 days' WHERE tenant_id = ?")
            .param(tenant)
            .update();
        String recentTenant = newTenant();
        answer(customer(recentTenant), QUESTION);

        assertThat(interactionLog.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(count(tenant)).isZero();
        assertThat(count(recentTenant)).isEqualTo(1);
    }

    private int count(String tenant) {
        return jdbc.sql("SELECT count(*) FROM generation.interaction_log WHERE tenant_id = ?")
            .param(tenant)
            .query(Integer.class)
            .single();
    }

    private JsonNode answer(CallerIdentity caller, String question) throws IOException, InterruptedException {
        Response response = client.json(caller, body(question), "application/json");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static CallerIdentity admin(String tenant) {
        return new CallerIdentity(tenant, "admin@example.com", Set.of(Roles.ADMIN), Set.of(), null);
    }

    private Response put(CallerIdentity caller, String body) throws IOException, InterruptedException {
        return client.put(caller, "/api/v1/budgets", body);
    }

    private Response get(CallerIdentity caller, String path) throws IOException, InterruptedException {
        return client.get(caller, path);
    }

    private static JsonNode json(Response response) {
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }
}
