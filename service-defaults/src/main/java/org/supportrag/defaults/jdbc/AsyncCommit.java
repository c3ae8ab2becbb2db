package org.supportrag.defaults.jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets the current transaction commit without waiting for its WAL to reach the disk ({@code synchronous_commit = off}
 * for this transaction only, {@code SET LOCAL}). For writes on a chat turn's path to its first token whose durability
 * a later synchronous commit of the same turn provides: PostgreSQL flushes WAL in order, so when the turn's answer is
 * committed, the question and reservations it wrote before are on disk too. Until then a crash of PostgreSQL or its
 * host may lose them (at most about {@code wal_writer_delay} x 3 of commits); a clean restart loses nothing.
 */
public final class AsyncCommit {

    private AsyncCommit() {
    }

    /** Call inside the transaction (it ends with it); the pooled connection keeps its own setting. */
    public static void forThisTransaction(JdbcClient jdbc) {
        jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)").query().singleRow();
    }
}
