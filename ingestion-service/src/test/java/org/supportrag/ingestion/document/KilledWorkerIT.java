package org.supportrag.ingestion.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestDatabase;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.ingestion.testing.IngestionIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability: the job is worked by the packaged service in a child JVM, killed with SIGKILL in the middle of the job,
 * and started again; every database connection is then cut once while it works. The job completes, every document
 * once, with no duplicate chunks. This test's own context only enqueues (no workers).
 */
@IngestionIT
@TestPropertySource(properties = { "rag.ingestion.jobs.workers=0" })
class KilledWorkerIT {

    private static final String QUEUE = "killed-worker-" + UUID.randomUUID();
    private static final FakeRetrievalIndex RETRIEVAL = retrieval();
    private static final int FILES = 8;

    @DynamicPropertySource
    static void queue(DynamicPropertyRegistry registry) {
        registry.add("rag.ingestion.jobs.queue", () -> QUEUE);
        registry.add("rag.ingestion.retrieval-url", RETRIEVAL::baseUrl);
    }

    @AfterAll
    static void stopRetrieval() {
        RETRIEVAL.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final List<Process> workers = new ArrayList<>();

    /** A fresh token per call: on a loaded machine the waits can outlast an internal token's two minutes. */
    private String admin() {
        return tokens.mint(new CallerIdentity(tenant, "admin@example.com", Set.of(Roles.ADMIN), Set.of(), null));
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(Process::destroyForcibly);
    }

    @Test
    void aJobSurvivesAKilledWorkerAndDroppedConnectionsWithoutDuplicates() throws Exception {
        RETRIEVAL.delay(400);
        RestClient http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        String jobUrl = Jobs.uploadGuides(http, admin(), FILES);

        Process first = startWorker("first");
        Jobs.awaitUntil(() -> RETRIEVAL.requests().size() >= 2, Duration.ofMinutes(3), "the first worker to index");
        // SIGKILL: no shutdown hook, no graceful stop; its claimed item keeps its lease until it runs out.
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        JsonNode interrupted = Jobs.get(http, admin(), jobUrl);
        assertThat(interrupted.get("status").asString()).isEqualTo("running");
        assertThat(interrupted.get("progress").get("filesDone").asInt()).isLessThan(FILES);

        int before = RETRIEVAL.requests().size();
        startWorker("second");
        Jobs.awaitUntil(() -> RETRIEVAL.requests().size() > before, Duration.ofMinutes(3), "the second worker to index");
        // As if PostgreSQL restarted: every other connection to the test database is cut.
        jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()").query(Integer.class).single();
        JsonNode job = Jobs.await(http, admin(), jobUrl, Duration.ofMinutes(3));

        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("created").asInt() + job.get("unchanged").asInt()).isEqualTo(FILES);
        assertThat(job.get("failed").asInt()).isZero();
        // The file the killed worker held (and any hit by the cut connections) was taken over and tried again.
        assertThat(job.get("files").valueStream().mapToInt(file -> file.get("attempts").asInt()).max().orElse(0))
            .isGreaterThanOrEqualTo(2);
        List<Map<String, Object>> documents = jdbc.sql("SELECT id, source_uri, chunk_count FROM ingestion.documents "
                + "WHERE tenant_id = ?").param(tenant).query().listOfRows();
        assertThat(documents).hasSize(FILES);
        assertThat(documents.stream().map(row -> row.get("source_uri")).distinct()).hasSize(FILES);
        int chunkRows = jdbc.sql("SELECT count(*) FROM ingestion.chunks WHERE tenant_id = ?").param(tenant).query(Integer.class).single();
        assertThat(chunkRows).isEqualTo(documents.stream().mapToInt(row -> (Integer) row.get("chunk_count")).sum());
        // The index only ever saw one id per file: a file indexed again after the kill replaced its own chunks.
        Set<String> stored = new java.util.HashSet<>(documents.stream().map(row -> row.get("id").toString()).toList());
        assertThat(RETRIEVAL.requests()).allSatisfy(put -> assertThat(stored).contains(put.documentId()));
        assertThat(RETRIEVAL.requests().stream().map(FakeRetrievalIndex.Request::documentId).distinct()).hasSize(FILES);
    }

    private Process startWorker(String name) throws IOException {
        Path jar = Path.of("target/ingestion-service-0.1.0-SNAPSHOT-exec.jar");
        assertThat(jar).as("the packaged service (mvn verify builds it before the integration tests)").isRegularFile();
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createDirectories(Path.of("target/killed-worker")).resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        Map<String, String> env = builder.environment();
        env.put("RAG_DB_URL", db.jdbcUrl());
        env.put("RAG_DB_USER", db.username());
        env.put("RAG_DB_PASSWORD", db.password());
        env.put("RAG_DB_POOL_SIZE", "3");
        env.put("RAG_INTERNAL_TOKEN_SECRET", TestSecrets.INTERNAL_TOKEN_SECRET);
        env.put("RAG_INGESTION_PORT", "0");
        env.put("RAG_INGESTION_RETRIEVAL_URL", RETRIEVAL.baseUrl());
        env.put("RAG_INGESTION_GENERATION_URL", "http://127.0.0.1:9");
        env.put("RAG_INGESTION_JOBS_QUEUE", QUEUE);
        env.put("RAG_INGESTION_JOBS_LEASE", "3s");
        env.put("RAG_INGESTION_JOBS_POLL_INTERVAL", "200ms");
        env.put("RAG_INGESTION_JOBS_BACKOFF", "300ms");
        env.put("RAG_LOG_FORMAT", "");
        env.remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        workers.add(process);
        return process;
    }

    private static FakeRetrievalIndex retrieval() {
        try {
            return new FakeRetrievalIndex();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
