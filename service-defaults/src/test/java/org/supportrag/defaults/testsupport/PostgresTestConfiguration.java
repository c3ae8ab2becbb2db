package org.supportrag.defaults.testsupport;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Import into a {@code @SpringBootTest} to run it against real PostgreSQL + pgvector: a Testcontainers
 * {@code pgvector/pgvector:pg17} with {@code @ServiceConnection} where Docker works, else the database named by
 * {@code RAG_TEST_DATABASE_URL} (see {@link TestDatabase}); neither is a failure, never a skip.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

    @Bean
    @ServiceConnection
    @Conditional(UseContainer.class)
    PostgreSQLContainer pgvectorContainer() {
        return TestDatabase.SharedContainer.INSTANCE;
    }

    @Bean
    @Conditional(UseEnvironmentDatabase.class)
    JdbcConnectionDetails testDatabaseConnectionDetails() {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return db.username();
            }

            @Override
            public String getPassword() {
                return db.password();
            }

            @Override
            public String getJdbcUrl() {
                return db.jdbcUrl();
            }
        };
    }

    static final class UseContainer implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestDatabase.useContainer();
        }
    }

    static final class UseEnvironmentDatabase implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !TestDatabase.useContainer();
        }
    }
}
