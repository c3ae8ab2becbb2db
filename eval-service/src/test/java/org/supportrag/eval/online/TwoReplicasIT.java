package org.supportrag.eval.online;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestDatabase;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.eval.EvalApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two eval replicas (two Spring contexts on one PostgreSQL) fire the online-scoring schedule at the same moment,
 * round after round: every sampled turn is scored and stored once, and no round fails. The scorer runs under an
 * advisory lock, so the replica that does not get it skips the round instead of paying the judge twice.
 */
@SpringBootTest(properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
        "rag.eval.drift.enabled=false", "rag.eval.review.enabled=false", "rag.eval.online.enabled=true",
        "rag.eval.online.interval=1h", "rag.eval.online.sample-rate=1" })
@Import(PostgresTestConfiguration.class)
// Its own queue and workers (or schedules): not worth keeping in the context cache for the classes after it.
@DirtiesContext
class TwoReplicasIT {

    static final FakeGeneration generation = new FakeGeneration();
    static ConfigurableApplicationContext secondReplica;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("rag.eval.generation-url", generation::url);
    }

    @BeforeAll
    static void startSecondReplica() {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        secondReplica = new SpringApplicationBuilder(EvalApplication.class).run("--server.port=0",
                "--management.server.port=-1", "--rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(), "--rag.eval.generation-url=" + generation.url(),
                "--rag.eval.drift.enabled=false", "--rag.eval.review.enabled=false", "--rag.eval.online.enabled=true",
                "--rag.eval.online.interval=1h", "--rag.eval.online.sample-rate=1");
    }

    @AfterAll
    static void stop() {
        if (secondReplica != null) {
            secondReplica.close();
        }
        generation.close();
    }

    @Autowired
    OnlineScorer scorer;

    @Autowired
    JdbcClient jdbc;

    @Test
    void bothReplicasFiringTheScheduleTogetherScoreEveryTurnOnce() throws Exception {
        OnlineScorer other = secondReplica.getBean(OnlineScorer.class);
        String tenant = "t-" + UUID.randomUUID();
        Instant now = Instant.now();
        int turns = 0;
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 10; i++) {
                    generation.add(tenant, FakeGeneration.turn(UUID.randomUUID(), "help",
                            now.minusSeconds(300 - round * 60L - i), "Where is my refund?",
                            "Refunds reach the original payment method within 5 business days [1].", 0.9, 0.8, false,
                            List.of(), "production", 0.001));
                    turns++;
                }
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> a = replicas.submit(() -> fire(together, scorer));
                Future<?> b = replicas.submit(() -> fire(together, other));
                a.get();
                b.get();
            }
        }
        finally {
            replicas.shutdownNow();
        }
        // One more round alone picks up whatever a skipped round left.
        scorer.scheduled();

        List<UUID> scored = jdbc.sql("SELECT message_id FROM online_scores WHERE tenant_id = ?").param(tenant)
            .query(UUID.class).list();
        assertThat(scored).hasSize(turns).doesNotHaveDuplicates();
    }

    private static Void fire(CyclicBarrier together, OnlineScorer replica) throws Exception {
        together.await();
        replica.scheduled();
        return null;
    }
}
