package org.supportrag.defaults.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.supportrag.defaults.config.ServiceDefaultsEnvironmentPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared database retry with the shared configuration (service-defaults.properties, Resilience4j's
 * auto-configuration and metrics): what counts as a dropped connection, how often it is tried, and that work inside
 * someone else's transaction is never repeated.
 */
class DatabaseRetryTests {

    final ApplicationContextRunner contexts = new ApplicationContextRunner()
        .withInitializer(context -> new ServiceDefaultsEnvironmentPostProcessor()
            .postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
        .withPropertyValues("resilience4j.retry.configs.database.wait-duration=1ms")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(DataSource.class, SimpleDriverDataSource::new)
        .withConfiguration(AutoConfigurations.of(RetryAutoConfiguration.class, RetryMetricsAutoConfiguration.class,
                DatabaseRetryAutoConfiguration.class));

    static SQLException terminated() {
        return new SQLException("terminating connection due to administrator command", "57P01");
    }

    @Test
    void workWhoseConnectionWasTerminatedRunsAgainAndItsResultIsReturned() {
        contexts.run(context -> {
            DatabaseRetry retry = context.getBean(DatabaseRetry.class);
            AtomicInteger attempts = new AtomicInteger();

            String result = retry.call(() -> {
                if (attempts.incrementAndGet() < 3) {
                    throw new DataAccessResourceFailureException("read failed", terminated());
                }
                return "stored";
            });

            assertThat(result).isEqualTo("stored");
            assertThat(attempts).hasValue(3);
            assertThat(context.getBean(MeterRegistry.class)
                .get("resilience4j.retry.calls")
                .tag("name", DatabaseRetry.NAME)
                .tag("kind", "successful_with_retry")
                .functionCounter()
                .count()).isEqualTo(1);
        });
    }

    @Test
    void aDatabaseThatStaysDownFailsAfterTheConfiguredAttempts() {
        contexts.run(context -> {
            DatabaseRetry retry = context.getBean(DatabaseRetry.class);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> retry.run(() -> {
                attempts.incrementAndGet();
                throw new CannotGetJdbcConnectionException("no connection",
                        new SQLTransientConnectionException("Connection is not available, request timed out"));
            })).isInstanceOf(CannotGetJdbcConnectionException.class);
            assertThat(attempts).hasValue(6);
        });
    }

    @Test
    void aFailureOfTheStatementItselfIsNotRepeated() {
        contexts.run(context -> {
            DatabaseRetry retry = context.getBean(DatabaseRetry.class);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> retry.run(() -> {
                attempts.incrementAndGet();
                throw new DuplicateKeyException("duplicate", new SQLException("duplicate key", "23505"));
            })).isInstanceOf(DuplicateKeyException.class);
            assertThat(attempts).hasValue(1);
        });
    }

    @Test
    void workInsideATransactionBegunElsewhereRunsOnceForItsOwnerToBeginAgain() {
        contexts.run(context -> {
            DatabaseRetry retry = context.getBean(DatabaseRetry.class);
            AtomicInteger attempts = new AtomicInteger();
            TransactionSynchronizationManager.setActualTransactionActive(true);
            try {
                assertThatThrownBy(() -> retry.run(() -> {
                    attempts.incrementAndGet();
                    throw new DataAccessResourceFailureException("write failed", terminated());
                })).isInstanceOf(DataAccessResourceFailureException.class);
            }
            finally {
                TransactionSynchronizationManager.setActualTransactionActive(false);
            }
            assertThat(attempts).hasValue(1);
        });
    }

    @Test
    void droppedConnectionsAndARestartingServerAreTransientAndOtherFailuresAreNot() {
        assertThat(DatabaseRetry.transientFailure(new RuntimeException("bucket4j", new SQLException(
                "An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseRetry.transientFailure(new SQLException("the database system is starting up", "57P03")))
            .isTrue();
        assertThat(DatabaseRetry.transientFailure(new SQLException("This connection has been closed.", "08003")))
            .isTrue();
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("insert failed", terminated()));
        assertThat(DatabaseRetry.transientFailure(rollbackFailed)).isTrue();
        // A failed commit whose rollback met the connection the pool had closed (the commit's own failure is lost).
        assertThat(DatabaseRetry.transientFailure(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
        // Bucket4j's rollback after the statement met a terminated backend: the pool's closed connection answers.
        assertThat(DatabaseRetry.transientFailure(new RuntimeException("bucket4j",
                new SQLException(DatabaseRetry.POOL_CLOSED_CONNECTION)))).isTrue();
        assertThat(DatabaseRetry.transientFailure(new SQLException("canceling statement", "57014"))).isFalse();
        assertThat(DatabaseRetry.transientFailure(new SQLException("no state"))).isFalse();
        assertThat(DatabaseRetry.transientFailure(new IllegalStateException("not a database failure"))).isFalse();
    }

    @Test
    void aServiceWithoutADatabaseHasNoDatabaseRetry() {
        new ApplicationContextRunner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withConfiguration(AutoConfigurations.of(RetryAutoConfiguration.class, DatabaseRetryAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(DatabaseRetry.class));
    }
}
