package org.supportrag.generation.live;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestDatabase;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.generation.GenerationApplication;
import org.supportrag.generation.interactionlog.InteractionLog;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.EventStream;
import org.supportrag.generation.testing.ServiceClient.LiveEvent;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.Stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * Live conversation events across two generation replicas sharing one PostgreSQL: the customer listens on one, the
 * agent acts on the other; resuming with {@code Last-Event-ID} or {@code after}. The interaction log's retention
 * runs on both replicas at once without deleting a row twice or failing.
 */
@GenerationIT
@TestPropertySource(properties = { "rag.generation.live.heartbeat=1s", "rag.generation.live.poll-interval=1h" })
class LiveEventsIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final Duration WAIT = Duration.ofSeconds(10);
    static ConfigurableApplicationContext secondReplica;

    @BeforeAll
    static void startSecondReplica() {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        // Polling is off (1h) on both replicas: only LISTEN/NOTIFY can carry events between them in time.
        // Command-line arguments: they outrank the service defaults, as the test's own properties do.
        secondReplica = new SpringApplicationBuilder(GenerationApplication.class).run("--server.port=0",
                "--rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "--rag.generation.retrieval-url=" + retrieval.url(), "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                "--rag.generation.live.heartbeat=1s", "--rag.generation.live.poll-interval=1h",
                "--management.server.port=-1");
    }

    @AfterAll
    static void stop() {
        if (secondReplica != null) {
            secondReplica.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    InteractionLog interactionLog;

    @Autowired
    JdbcClient jdbc;

    ServiceClient replicaA;
    ServiceClient replicaB;
    ServiceClient chat;
    String tenant;
    CallerIdentity visitor;
    CallerIdentity agent;

    @BeforeEach
    void setUp() {
        replicaA = new ServiceClient(port, tokens);
        int secondPort = ((WebServerApplicationContext) secondReplica).getWebServer().getPort();
        replicaB = new ServiceClient(secondPort, tokens);
        chat = new ServiceClient(port, tokens);
        tenant = newTenant();
        visitor = customer(tenant);
        agent = new CallerIdentity(tenant, "agent@demo.local", Set.of(Roles.AGENT), Set.of(), null);
    }

    String conversationAskingForAPerson() throws Exception {
        return chat.json(visitor, body("I want to talk to a human"), "application/json").body()
            .get("conversationId").stringValue();
    }

    @Test
    void retentionRunningOnBothReplicasAtOnceDeletesEachExpiredRowOnce() throws Exception {
        for (String question : new String[] { "How do I reset my password?", "Where is my parcel?", "Can I get a refund?" }) {
            chat.json(visitor, body(question), "application/json");
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (jdbc.sql("SELECT count(*) FROM interaction_log WHERE tenant_id = ?").param(tenant).query(Integer.class)
            .single() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(jdbc.sql("UPDATE interaction_log SET created_at = now() - interval '400 days' WHERE tenant_id = ?")
            .param(tenant).update()).as("the three turns logged").isEqualTo(3);
        int expired = jdbc.sql("SELECT count(*) FROM interaction_log WHERE created_at < now() - interval '30 days'")
            .query(Integer.class).single();
        assertThat(expired).isGreaterThanOrEqualTo(3);

        InteractionLog other = secondReplica.getBean(InteractionLog.class);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Integer> a = replicas.submit(() -> {
                together.await();
                return interactionLog.purgeExpired();
            });
            Future<Integer> b = replicas.submit(() -> {
                together.await();
                return other.purgeExpired();
            });
            assertThat(a.get() + b.get()).as("rows deleted by the two replicas together").isEqualTo(expired);
        }
        finally {
            replicas.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM interaction_log WHERE tenant_id = ?").param(tenant)
            .query(Integer.class).single()).isZero();
    }

    @Test
    void pushesAgentRepliesAndEscalationChangesFromAnotherReplica() throws Exception {
        String conversationId = conversationAskingForAPerson();

        try (EventStream stream = replicaB.events(visitor, "/api/v1/conversations/" + conversationId + "/events",
                Map.of())) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");

            JsonNode claimed = replicaA.postEmpty(agent, "/api/v1/escalations/" + conversationId + "/claim").body();
            ServiceClient.Response reply = replicaA.post(agent,
                    "/api/v1/conversations/" + conversationId + "/agent-replies", "{\"text\":\"Hello, I'm Anna.\"}");

            LiveEvent escalation = stream.next(WAIT);
            assertThat(escalation).isNotNull();
            assertThat(escalation.name()).isEqualTo("escalation");
            assertThat(escalation.data().get("status").stringValue()).isEqualTo("assigned");
            assertThat(escalation.data().get("assignee").stringValue()).isEqualTo("agent@demo.local");
            assertThat(escalation.data().get("updatedAt").stringValue())
                .isEqualTo(claimed.get("updatedAt").stringValue());

            LiveEvent message = stream.next(WAIT);
            assertThat(message).isNotNull();
            assertThat(message.name()).isEqualTo("message");
            assertThat(message.id()).isEqualTo(reply.body().get("messageId").stringValue());
            JsonNode data = message.data();
            assertThat(data.get("messageId").stringValue()).isEqualTo(message.id());
            assertThat(data.get("role").stringValue()).isEqualTo("agent");
            assertThat(data.get("content").stringValue()).isEqualTo("Hello, I'm Anna.");
            assertThat(data.get("author").stringValue()).isEqualTo("agent@demo.local");
            assertThat(data.get("citations").isArray()).isTrue();
            assertThat(data.get("createdAt").stringValue()).isEqualTo(reply.body().get("createdAt").stringValue());

            // Heartbeats keep the stream alive (1s in this test, 15s by default).
            assertThat(stream.nextComment(WAIT)).isNotNull();
        }
    }

    @Test
    void resumesAfterTheLastEventIdOrAGivenMessage() throws Exception {
        String conversationId = conversationAskingForAPerson();
        String path = "/api/v1/conversations/" + conversationId;
        String firstUserMessage = replicaA.get(visitor, path).body().get("messages").get(0).get("messageId")
            .stringValue();
        String first = replicaA.post(agent, path + "/agent-replies", "{\"text\":\"First\"}").body()
            .get("messageId").stringValue();
        replicaA.post(agent, path + "/agent-replies", "{\"text\":\"Second\"}");
        replicaA.post(agent, path + "/agent-replies", "{\"text\":\"Third\"}");

        try (EventStream resumed = replicaB.events(visitor, path + "/events", Map.of("Last-Event-ID", first))) {
            assertThat(contents(resumed, 2)).containsExactly("Second", "Third");
            assertThat(resumed.next(Duration.ofMillis(500))).isNull();
        }
        try (EventStream fromQuestion = replicaA.events(visitor, path + "/events?after=" + firstUserMessage,
                Map.of())) {
            // The escalation opened by the question came after it, then the claim by the first reply.
            LiveEvent opened = fromQuestion.next(WAIT);
            assertThat(opened.name()).isEqualTo("escalation");
            assertThat(opened.data().get("status").stringValue()).isEqualTo("open");
            LiveEvent next = fromQuestion.next(WAIT);
            assertThat(next.name()).isEqualTo("message");
            assertThat(next.data().get("content").stringValue()).isEqualTo("First");
        }
        try (EventStream fresh = replicaB.events(visitor, path + "/events", Map.of())) {
            // Without a cursor only new events come.
            assertThat(fresh.next(Duration.ofMillis(500))).isNull();
            replicaA.post(agent, path + "/agent-replies", "{\"text\":\"Fourth\"}");
            assertThat(contents(fresh, 1)).containsExactly("Fourth");
        }
    }

    @Test
    void onlyThoseWhoMayReadTheConversationMayListen() throws Exception {
        String conversationId = conversationAskingForAPerson();
        String path = "/api/v1/conversations/" + conversationId + "/events";

        try (EventStream stranger = replicaA.events(customer(newTenant()), path, Map.of());
                EventStream otherAgent = replicaB.events(new CallerIdentity(newTenant(), "agent@x", Set.of(Roles.AGENT),
                        Set.of(), null), path, Map.of());
                EventStream badCursor = replicaA.events(visitor, path + "?after=yesterday", Map.of())) {
            assertThat(stranger.status).isEqualTo(404);
            assertThat(stranger.contentType).startsWith("application/problem+json");
            assertThat(otherAgent.status).isEqualTo(404);
            assertThat(badCursor.status).isEqualTo(400);
        }
    }

    static java.util.List<String> contents(EventStream stream, int count) throws InterruptedException {
        java.util.List<String> contents = new java.util.ArrayList<>();
        while (contents.size() < count) {
            LiveEvent event = stream.next(WAIT);
            assertThat(event).as("event %d", contents.size() + 1).isNotNull();
            if (event.name().equals("message")) {
                contents.add(event.data().get("content").stringValue());
            }
        }
        return contents;
    }
}
