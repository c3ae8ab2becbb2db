package org.supportrag.generation.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.testsupport.TerminatedConnections;
import org.supportrag.generation.routing.ModelChain;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.ServiceClient.Event;
import org.supportrag.generation.testing.ServiceClient.Sse;
import org.supportrag.generation.testing.StubModelChain;
import org.supportrag.generation.testing.Stubs;
import org.supportrag.generation.texts.CustomerText;
import org.supportrag.generation.texts.CustomerTexts;
import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * The short versions of {@code bin/faults}' model and database scenarios: turns running at the same time while the
 * stub models fail, hang or cut their streams (scripted over HTTP through {@code /_stub/faults}, as bin/faults does
 * with the standalone stub) or while PostgreSQL drops the service's connections. Every turn must end with
 * {@code done}, answered by another link of the chain or handed over, never with an error, and its answer must be
 * stored as the customer saw it.
 */
@GenerationIT
@StubModelChain
class FaultsDuringConcurrentTurnsIT {

    static final OpenAiStubServer primary = Stubs.LLM;
    static final OpenAiStubServer small = Stubs.SMALL;
    static final String BIG_ANSWER = "Refunds go back to your original payment method within 5 business days [1].";
    static final String SMALL_ANSWER = "Refunds take up to 5 business days [1].";
    static final String ANSWERABLE = "How long does it take to get my money back?";
    static final String UNANSWERABLE = "Can I bring my dog to the office party on Friday?";
    static final int TURNS = 8;

    static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    ServiceClient client;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ModelChain chain;

    @Autowired
    CustomerTexts texts;

    /** One customer's turn: who asked and what the stream carried. */
    record Turn(CallerIdentity caller, Sse sse, long tookMillis) {

        JsonNode done() {
            return sse.events().getLast().data();
        }

        String messageId() {
            return sse.named("meta").getFirst().data().get("messageId").stringValue();
        }
    }

    @BeforeEach
    void setUp() {
        primary.respondWith(BIG_ANSWER);
        small.respondWith(SMALL_ANSWER);
        chain.circuitBreaker("primary").reset();
        chain.circuitBreaker("small").reset();
    }

    @AfterEach
    void closeBreakers() {
        // The breakers opened by a fault must not send the next test class's turns down the chain.
        chain.circuitBreaker("primary").reset();
        chain.circuitBreaker("small").reset();
    }

    @Test
    void concurrentTurnsEndAnsweredByTheNextLinkOrHandedOverWhileTheModelsAnswer503() throws Exception {
        // More failures than the primary can be asked in these turns; the small model fails a few too, so some
        // turns reach the extractive answerer.
        JsonNode pending = faults(primary, "fail=100&status=503");
        faults(small, "fail=3&status=503");
        assertThat(pending.get("failuresLeft").intValue()).isEqualTo(100);

        List<Turn> turns = concurrently(TURNS, i -> i % 4 == 3 ? UNANSWERABLE : ANSWERABLE);

        assertEveryTurnEndedCleanlyAndIsStored(turns);
        assertThat(turns).extracting(turn -> turn.done().get("model").stringValue())
            .as("the primary answered nothing").doesNotContain("big-model");
        assertThat(turns).allSatisfy(turn -> assertThat(turn.done().get("flags").toString()).contains("llm_fallback"));
        assertThat(faults(primary, null).get("failuresLeft").intValue()).as("the primary was called")
            .isLessThan(100);
        assertThat(faults(small, null).get("failuresLeft").intValue()).as("the small model's 503s were met")
            .isZero();
    }

    @Test
    void concurrentTurnsGiveUpOnAModelThatDoesNotAnswerAndEndWithinSeconds() throws Exception {
        faults(primary, "timeouts=4");

        List<Turn> turns = concurrently(TURNS, i -> ANSWERABLE);

        assertEveryTurnEndedCleanlyAndIsStored(turns);
        // The stub holds a timed-out request for 60 s: the 1 s first-token timeout gave up long before.
        assertThat(turns).allSatisfy(turn -> assertThat(turn.tookMillis()).isLessThan(15_000));
        assertThat(faults(primary, null).get("timeoutsLeft").intValue()).as("the primary's timeouts were met")
            .isLessThan(4);
        assertThat(turns).extracting(turn -> turn.done().get("model").stringValue()).contains("small-model");
    }

    @Test
    void aStreamCutMidAnswerEndsTheTurnCleanlyAndIsNotStoredAsAComplete() throws Exception {
        // Every primary stream breaks off after three chunks; the small model completes the answer.
        faults(primary, "cuts=100&cut-after=3");
        String bridge = texts.get(CustomerText.CHAIN_REPEAT_BRIDGE, Locale.ENGLISH);

        List<Turn> turns = concurrently(TURNS, i -> ANSWERABLE);

        assertEveryTurnEndedCleanlyAndIsStored(turns);
        List<Turn> cut = turns.stream()
            .filter(turn -> turn.done().get("flags").toString().contains("llm_interrupted"))
            .toList();
        assertThat(cut).as("turns whose primary stream was cut").isNotEmpty();
        for (Turn turn : cut) {
            String stored = storedAnswer(turn).content();
            // The customer saw the broken-off start, a bridge and the whole answer; the message holds all of it,
            // flagged, never the broken-off start alone.
            assertThat(turn.sse().text()).startsWith("Refunds go back").contains(bridge);
            assertThat(stored).isEqualTo(turn.sse().text()).endsWith(SMALL_ANSWER).isNotEqualTo("Refunds go back");
            assertThat(storedAnswer(turn).flags()).contains("llm_interrupted");
            assertThat(turn.done().get("model").stringValue()).isEqualTo("small-model");
            assertThat(usageOutcomes(turn)).contains("chat:primary:interrupted", "chat:small:ok")
                .doesNotContain("chat:primary:ok");
        }
    }

    @Test
    void turnsInFlightSurviveTheDatabaseDroppingTheServicesConnections() throws Exception {
        // Slow streams (3-5 s) keep the turns in flight while the pool's connections are terminated: every turn has
        // stored its question and is streaming, and must store its answer over whatever the pool hands out then.
        primary.tokenDelay(Duration.ofMillis(300));
        small.tokenDelay(Duration.ofMillis(300));
        List<Integer> pool = poolBackends();
        assertThat(pool).isNotEmpty();

        List<Turn> turns;
        int terminated;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Turn>> running = start(executor, TURNS, i -> ANSWERABLE);
            await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> primary.chatRequests().size() + small.chatRequests().size() >= TURNS);
            terminated = terminate(pool);
            turns = collect(running);
        }

        assertThat(terminated).as("connections dropped while the turns ran").isPositive();
        assertEveryTurnEndedCleanlyAndIsStored(turns);
        // The pool replaced the dropped connections by itself: a turn after it is stored too.
        primary.tokenDelay(Duration.ZERO);
        small.tokenDelay(Duration.ZERO);
        assertEveryTurnEndedCleanlyAndIsStored(concurrently(2, i -> ANSWERABLE));
    }

    @Test
    void conversationsGoOnWhileTheDatabaseKeepsTerminatingTheServicesConnections() throws Exception {
        // As during a PostgreSQL restart: for 2.5 s every connection of the pool is terminated every 40 ms, so the
        // follow-up turns meet dead connections while they read the conversation and store question and answer.
        List<Turn> first = concurrently(TURNS, i -> ANSWERABLE);
        assertEveryTurnEndedCleanlyAndIsStored(first);
        String application = dataSource.unwrap(HikariDataSource.class)
            .getDataSourceProperties()
            .getProperty("ApplicationName");
        assertThat(application).startsWith(StubModelChain.APPLICATION_NAME);

        List<Turn> followUps = new ArrayList<>();
        AtomicInteger terminated = new AtomicInteger();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicBoolean storm = new AtomicBoolean(true);
            Future<?> terminator = executor.submit(() -> {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
                while (System.nanoTime() < end) {
                    terminated.addAndGet(terminateAll(application));
                    Thread.sleep(40);
                }
                storm.set(false);
                return null;
            });
            List<Future<List<Turn>>> conversations = new ArrayList<>();
            for (Turn opened : first) {
                String conversationId = opened.sse().named("meta").getFirst().data().get("conversationId")
                    .stringValue();
                // Each customer asks again and again while the storm lasts (twice at least), one turn after the other.
                conversations.add(executor.submit(() -> {
                    List<Turn> asked = new ArrayList<>();
                    while (storm.get() || asked.size() < 2) {
                        long started = System.nanoTime();
                        Sse sse = client.stream(opened.caller(), body(ANSWERABLE, conversationId));
                        asked.add(new Turn(opened.caller(), sse,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
                    }
                    return asked;
                }));
            }
            terminator.get(30, TimeUnit.SECONDS);
            for (Future<List<Turn>> conversation : conversations) {
                followUps.addAll(conversation.get(60, TimeUnit.SECONDS));
            }
        }

        assertThat(terminated.get()).as("connections terminated during the turns").isGreaterThan(TURNS);
        assertThat(followUps).as("follow-up turns during the storm").hasSizeGreaterThanOrEqualTo(2 * TURNS);
        assertEveryTurnEndedCleanlyAndIsStored(followUps);
        // Stored exactly once: every question and every answer of each conversation, one row each.
        for (Turn opened : first) {
            long turns = 1 + followUps.stream().filter(turn -> turn.caller().equals(opened.caller())).count();
            assertThat(jdbc.sql("SELECT role, count(*) FROM generation.messages WHERE tenant_id = ? GROUP BY role "
                    + "ORDER BY role")
                .param(opened.caller().tenantId())
                .query((row, n) -> row.getString(1) + "=" + row.getLong(2))
                .list()).containsExactly("assistant=" + turns, "user=" + turns);
        }
    }

    @Test
    void aTurnWhoseClientLeftMidAnswerIsStillAnsweredAndStoredOnce() throws Exception {
        // As when the gateway replica carrying the stream dies: the service finishes the answer and stores it, for
        // the widget (or the load generator) to fetch from the conversation through another replica.
        primary.tokenDelay(Duration.ofMillis(200));
        try {
            CallerIdentity caller = customer(newTenant());
            UUID messageId = UUID.fromString(client.leaveAfterFirstToken(caller, body(ANSWERABLE)));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> storedAnswers(caller, messageId).size() == 1);
            Stored stored = storedAnswers(caller, messageId).getFirst();
            assertThat(stored.content()).startsWith("Refunds go back to your original payment method");
            assertThat(stored.flags()).as("stored, not shown").contains("client_disconnected");
        }
        finally {
            primary.tokenDelay(Duration.ZERO);
        }
    }

    /** Each turn ended with done and no error; its answer (or hand-over) is stored as streamed. */
    private void assertEveryTurnEndedCleanlyAndIsStored(List<Turn> turns) {
        for (Turn turn : turns) {
            Sse sse = turn.sse();
            assertThat(sse.status()).as(sse.rawBody()).isEqualTo(200);
            assertThat(sse.events()).as(sse.rawBody()).extracting(Event::name).doesNotContain("error").endsWith("done");
            assertThat(storedAnswer(turn).content()).as("the stored answer").isEqualTo(sse.text());
            if (turn.done().get("escalated").booleanValue()) {
                assertThat(jdbc.sql("SELECT count(*) FROM generation.escalations WHERE tenant_id = ?")
                    .param(turn.caller().tenantId())
                    .query(Integer.class)
                    .single()).as("handed over to a person").isEqualTo(1);
            }
        }
    }

    record Stored(String content, String flags) {
    }

    private Stored storedAnswer(Turn turn) {
        return jdbc.sql("SELECT content, flags::text AS flags FROM generation.messages WHERE id = ? AND tenant_id = ? "
                + "AND role = 'assistant'")
            .param(UUID.fromString(turn.messageId()))
            .param(turn.caller().tenantId())
            .query(Stored.class)
            .optional()
            .orElseThrow(() -> new AssertionError("no stored answer for turn " + turn.messageId()));
    }

    private List<Stored> storedAnswers(CallerIdentity caller, UUID messageId) {
        return jdbc.sql("SELECT content, flags::text AS flags FROM generation.messages WHERE id = ? AND tenant_id = ? "
                + "AND role = 'assistant'")
            .param(messageId)
            .param(caller.tenantId())
            .query(Stored.class)
            .list();
    }

    private List<String> usageOutcomes(Turn turn) {
        return jdbc.sql("SELECT operation || ':' || model || ':' || outcome FROM generation.llm_usage "
                + "WHERE tenant_id = ? ORDER BY id")
            .param(turn.caller().tenantId())
            .query(String.class)
            .list();
    }

    /** Turns of as many new customers (one tenant each: no answer cache between them) at the same time. */
    private List<Turn> concurrently(int count, IntFunction<String> question) throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return collect(start(executor, count, question));
        }
    }

    private List<Future<Turn>> start(java.util.concurrent.ExecutorService executor, int count,
            IntFunction<String> question) {
        List<Future<Turn>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String message = question.apply(i);
            running.add(executor.submit(() -> {
                CallerIdentity caller = customer(newTenant());
                long started = System.nanoTime();
                Sse sse = client.stream(caller, body(message));
                return new Turn(caller, sse, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }));
        }
        return running;
    }

    private static List<Turn> collect(List<Future<Turn>> running) throws Exception {
        List<Turn> turns = new ArrayList<>();
        for (Future<Turn> turn : running) {
            turns.add(turn.get(60, TimeUnit.SECONDS));
        }
        return turns;
    }

    /** {@code POST /_stub/faults?query} (null: {@code GET}, reads what is pending). */
    private static JsonNode faults(OpenAiStubServer stub, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl()
                + OpenAiStubServer.FAULTS_PATH + (query == null ? "" : "?" + query)));
        HttpResponse<String> response = http.send(
                query == null ? request.GET().build() : request.POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FakeRetrieval.JSON.readTree(response.body());
    }

    /**
     * The PostgreSQL backends of this service's pool: every idle connection borrowed at once, so no other process's
     * connections (other test JVMs on the same database) are terminated.
     */
    private List<Integer> poolBackends() throws Exception {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        // After another test dropped every connection the pool refills in the background: wait until it has.
        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> hikari.getHikariPoolMXBean().getIdleConnections() > 0);
        return TerminatedConnections.idleBackends(dataSource);
    }

    /** Terminates every backend of the pool (its application name), from a connection of its own. */
    private int terminateAll(String application) throws Exception {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        try (Connection own = java.sql.DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(),
                hikari.getPassword()); java.sql.PreparedStatement statement = own.prepareStatement(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                                + "WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, application);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** Terminates the backends from a connection of its own, outside the pool; answers how many ended. */
    private int terminate(List<Integer> pids) throws Exception {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        try (Connection own = java.sql.DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(),
                hikari.getPassword()); Statement statement = own.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                        + "FROM pg_stat_activity WHERE pid IN (" + String.join(",",
                                pids.stream().map(String::valueOf).toList()) + ")")) {
            result.next();
            return result.getInt(1);
        }
    }
}
