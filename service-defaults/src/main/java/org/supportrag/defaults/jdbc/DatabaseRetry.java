package org.supportrag.defaults.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs database work again when PostgreSQL dropped the connection or is restarting: a terminated backend (SQLState
 * 57P01-57P03), a broken or refused connection (class 08), the pool handing out no connection in time. One
 * Resilience4j Retry, {@value #NAME} (configuration {@code resilience4j.retry.configs.database}: attempts and
 * exponential backoff, metrics like every Resilience4j instance). Only for work that may run twice: a read, an insert
 * by a caller-chosen id with {@code ON CONFLICT DO NOTHING}, an update to fixed values, or such statements in one
 * transaction that the work itself begins. Inside a transaction begun elsewhere the work runs once: that transaction
 * died with its connection, and only its owner can begin it again.
 */
public final class DatabaseRetry {

    /** The Retry's name (metrics tag {@code name}) and its configuration's. */
    public static final String NAME = "database";

    /** The message of HikariCP's closed-connection proxy ({@code ProxyConnection.ClosedConnection}). */
    static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    private final Retry retry;

    public DatabaseRetry(RetryRegistry retries) {
        RetryConfig base = retries.getConfiguration(NAME).orElseGet(retries::getDefaultConfig);
        this.retry = retries.retry(NAME,
                RetryConfig.from(base).retryOnException(DatabaseRetry::transientFailure).build());
    }

    /** The work's result; its last failure when every attempt failed or the failure is not transient. */
    public <T extends @Nullable Object> T call(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        return retry.executeSupplier(work);
    }

    /** As {@link #call(Supplier)} for work without a result. */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    public Retry retry() {
        return retry;
    }

    /**
     * Whether the failure (or one of its causes: Spring and Bucket4j wrap the driver's exception) is the connection's
     * and not the statement's: worth another attempt on another connection.
     */
    public static boolean transientFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // The rollback after a dropped connection fails too and hides why the work failed: the pool has closed
            // the connection (Hikari's "Connection is closed" has no SQLState).
            if (cause instanceof TransactionSystemException ended && (ended.getApplicationException() != null
                    && transientFailure(ended.getApplicationException())
                    || ended.getCause() instanceof SQLException closed && closed.getSQLState() == null)) {
                return true;
            }
            // Hikari: "Connection is not available, request timed out".
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            // Any call on a connection the pool has already closed as broken, typically the rollback of work whose
            // statement met a terminated backend: Bucket4j (the gateway's rate limits) rolls back in its catch and
            // throws that failure instead of the statement's, so the 57P01 is lost.
            if (closedByThePool(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now.
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Hikari's answer to any call on a connection it has closed: no SQLState, only this message. */
    private static boolean closedByThePool(Throwable failure) {
        return failure instanceof SQLException sql && sql.getSQLState() == null
                && POOL_CLOSED_CONNECTION.equals(sql.getMessage());
    }
}
