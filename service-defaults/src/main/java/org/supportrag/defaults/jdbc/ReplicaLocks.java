package org.supportrag.defaults.jdbc;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One replica at a time for scheduled jobs: the work runs in a transaction that first tries a PostgreSQL
 * transaction-scoped advisory lock, and is skipped when another replica holds it. The lock ends with the
 * transaction, even if the replica dies.
 */
public final class ReplicaLocks {

    private ReplicaLocks() {
    }

    /** The work's result, or empty when another replica holds the lock of {@code key}. */
    public static <T> Optional<T> callIfLocked(TransactionTemplate transactions, JdbcClient jdbc, long key,
            Supplier<T> work) {
        Optional<T> result = transactions.execute(status -> Boolean.TRUE.equals(
                jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(key).query(Boolean.class).single())
                        ? Optional.of(work.get()) : Optional.<T>empty());
        return Objects.requireNonNullElse(result, Optional.empty());
    }

    /** Runs the work; false when another replica holds the lock of {@code key}. */
    public static boolean runIfLocked(TransactionTemplate transactions, JdbcClient jdbc, long key, Runnable work) {
        return callIfLocked(transactions, jdbc, key, () -> {
            work.run();
            return true;
        }).isPresent();
    }
}
