package org.supportrag.retrieval.index;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.defaults.jdbc.ReplicaLocks;

/**
 * Keeps PostgreSQL's planner statistics of the index tables current after bulk ingestion. With stale statistics (a
 * knowledge base ingested faster than autovacuum analyzes it, or autovacuum off) the BM25 query's plan scans every
 * chunk of the knowledge base: measured 2.5 s instead of 0.3 s per SciFact query. Checked periodically; a table is
 * analyzed when more rows changed since its last analyze than autovacuum's default rule allows.
 */
@Component
@RequiredArgsConstructor
class PlannerStatistics implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    /** Fixed names only: they are spliced into ANALYZE, which takes no parameters. */
    static final Set<String> TABLES = Set.of("chunks", "chunk_terms", "term_stats", "kb_stats");

    /** One refresher at a time across replicas (any constant key; shared by nothing else). */
    static final long LOCK_KEY = 0x5261675374617473L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Settings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("planner-statistics").daemon().factory());

    @Override
    public void afterPropertiesSet() {
        long millis = settings.interval().toMillis();
        if (millis > 0) {
            timer.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** Analyzes the index tables that changed enough since their last analyze; returns their names. */
    List<String> refresh() {
        return ReplicaLocks.callIfLocked(transactions, jdbc, LOCK_KEY, () -> {
            List<String> stale = jdbc.sql("""
                    SELECT relname FROM pg_stat_user_tables
                    WHERE schemaname = 'retrieval' AND relname IN ('chunks', 'chunk_terms', 'term_stats', 'kb_stats')
                      AND n_mod_since_analyze > :minRows + :fraction * greatest(n_live_tup, 0)
                    ORDER BY relname
                    """)
                .param("minRows", settings.minChangedRows())
                .param("fraction", settings.changedFraction())
                .query(String.class)
                .list();
            for (String table : stale) {
                if (TABLES.contains(table)) {
                    jdbc.sql("ANALYZE retrieval." + table).update();
                }
            }
            return stale;
        }).orElse(List.of());
    }

    private void refreshQuietly() {
        try {
            List<String> analyzed = refresh();
            if (!analyzed.isEmpty()) {
                log.info("Refreshed planner statistics of {}", analyzed);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Refreshing planner statistics failed: {}", ex.toString());
        }
    }

    /**
     * Settings, prefix {@code rag.retrieval.statistics}.
     *
     * @param interval        how often to check (0 turns the refresher off, e.g. where autovacuum is trusted)
     * @param minChangedRows  rows changed since the last analyze before a table counts as stale ...
     * @param changedFraction ... plus this share of its live rows (autovacuum's defaults: 50 and 0.1)
     */
    @ConfigurationProperties("rag.retrieval.statistics")
    record Settings(@DefaultValue("30s") Duration interval, @DefaultValue("50") long minChangedRows,
            @DefaultValue("0.1") double changedFraction) {

        Settings {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("rag.retrieval.statistics.interval must not be negative");
            }
            if (minChangedRows < 0 || !(changedFraction >= 0)) {
                throw new IllegalArgumentException(
                        "rag.retrieval.statistics.min-changed-rows and changed-fraction must not be negative");
            }
        }
    }
}
