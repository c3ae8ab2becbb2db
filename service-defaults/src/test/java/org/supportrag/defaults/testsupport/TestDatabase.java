package org.supportrag.defaults.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL + pgvector database tests run against: a Testcontainers {@code pgvector/pgvector:pg17} where a
 * Docker engine answers, otherwise the database named by {@code RAG_TEST_DATABASE_URL} (provisioned by
 * {@code deploy/local/postgres.sh}). Neither is a failure with a clear message, never a silent skip.
 */
public final class TestDatabase {

    public static final String IMAGE = "pgvector/pgvector:pg17";
    public static final String URL_ENV = "RAG_TEST_DATABASE_URL";

    private static volatile Coordinates coordinates;

    private TestDatabase() {
    }

    public record Coordinates(String jdbcUrl, String username, String password) {
    }

    public static Coordinates coordinates() {
        Coordinates result = coordinates;
        if (result == null) {
            synchronized (TestDatabase.class) {
                if (coordinates == null) {
                    coordinates = resolve();
                }
                result = coordinates;
            }
        }
        return result;
    }

    /** True when tests should use a container rather than the environment's database. */
    public static boolean useContainer() {
        return System.getenv(URL_ENV) == null && dockerAvailable();
    }

    private static Coordinates resolve() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            Coordinates env = new Coordinates(url, envOr("RAG_TEST_DATABASE_USER", "supportrag"),
                    envOr("RAG_TEST_DATABASE_PASSWORD", "supportrag"));
            check(env);
            return env;
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = SharedContainer.INSTANCE;
            return new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        throw new IllegalStateException("No test database: Docker is not available and " + URL_ENV + " is not set. "
                + "Run 'make test' (it provisions PostgreSQL + pgvector via deploy/local/postgres.sh) or export "
                + URL_ENV + "=jdbc:postgresql://127.0.0.1:5432/supportrag_test");
    }

    private static void check(Coordinates db) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            connection.createStatement().execute("CREATE EXTENSION IF NOT EXISTS vector");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Test database " + db.jdbcUrl() + " is not usable (is PostgreSQL running "
                    + "and pgvector installed? run deploy/local/postgres.sh): " + ex.getMessage(), ex);
        }
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** One container per JVM, shared by every test class, stopped by Testcontainers' reaper. */
    static final class SharedContainer {

        static final PostgreSQLContainer INSTANCE = start();

        private static PostgreSQLContainer start() {
            PostgreSQLContainer container = new PostgreSQLContainer(
                    DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"));
            container.start();
            return container;
        }
    }
}
