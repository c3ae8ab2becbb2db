package org.supportrag.retrieval.index;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.retrieval.testing.RetrievalIT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After bulk indexing the chunk tables' planner statistics are refreshed without waiting for autovacuum, by one
 * replica at a time (an advisory lock; the others skip the round).
 */
@RetrievalIT
class PlannerStatisticsIT {

    @Autowired
    ChunkWriter writer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    @Test
    void analyzesTheIndexTablesOnceEnoughRowsChangedAndNotBefore() throws Exception {
        PlannerStatistics refresher = new PlannerStatistics(jdbc, transactions,
                new PlannerStatistics.Settings(Duration.ZERO, 50, 0.0));
        // Start from fresh statistics, so only this test's rows count as changes.
        refresher.refresh();
        jdbc.sql("ANALYZE retrieval.chunks").update();
        awaitChangedRows(0);

        String tenant = "t-" + UUID.randomUUID();
        index(tenant, 10);
        awaitChangedRows(10);
        assertThat(refresher.refresh()).as("10 changed rows stay under the threshold of 50").doesNotContain("chunks");

        index(tenant, 60);
        awaitChangedRows(70);
        assertThat(refresher.refresh()).contains("chunks", "chunk_terms", "term_stats");
        awaitChangedRows(0);
        assertThat(jdbc.sql("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables "
                + "WHERE schemaname = 'retrieval' AND relname = 'chunks'").query(Boolean.class).single()).isTrue();
    }

    @Test
    @Timeout(120)
    void aSecondReplicaSkipsTheRefreshWhileTheFirstRunsItAndTakesOverAfterwards() throws Exception {
        PlannerStatistics replica = new PlannerStatistics(jdbc, transactions,
                new PlannerStatistics.Settings(Duration.ZERO, 50, 0.0));
        replica.refresh();
        // The other replica, in the middle of its refresh: it holds the lock in its own session and transaction.
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(" + PlannerStatistics.LOCK_KEY + ")");
            index("t-" + UUID.randomUUID(), 60);
            awaitChangedRows(60);
            long started = System.nanoTime();
            assertThat(replica.refresh()).as("nothing analyzed while the other replica refreshes").isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("skipped, not waited").isLessThan(Duration.ofSeconds(5));
            assertThat(changedRows()).isGreaterThanOrEqualTo(60);
            other.commit();
        }
        assertThat(replica.refresh()).contains("chunks");
        awaitChangedRows(0);
    }

    private long changedRows() {
        return jdbc.sql("SELECT n_mod_since_analyze FROM pg_stat_user_tables "
                + "WHERE schemaname = 'retrieval' AND relname = 'chunks'").query(Long.class).single();
    }

    private void index(String tenant, int chunks) {
        float[] vector = new float[384];
        vector[0] = 1;
        List<IndexChunk> list = IntStream.range(0, chunks)
            .mapToObj(i -> new IndexChunk(i, "Parcel number " + UUID.randomUUID() + " ships today.", null, 8, vector))
            .toList();
        writer.replace(tenant, UUID.randomUUID(), new IndexDocumentRequest("default", "Shipping", null, list));
    }

    /** Table statistics reach pg_stat_user_tables shortly after commit, not at once. */
    private void awaitChangedRows(long atLeastOrZero) {
        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> {
                if (atLeastOrZero == 0) {
                    assertThat(changedRows()).as("n_mod_since_analyze of retrieval.chunks").isZero();
                }
                else {
                    assertThat(changedRows()).as("n_mod_since_analyze of retrieval.chunks")
                        .isGreaterThanOrEqualTo(atLeastOrZero);
                }
            });
    }
}
