package org.supportrag.ingestion.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TestDatabase;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.ingestion.IngestionApplication;
import org.supportrag.ingestion.outbox.ChangeOutbox;
import org.supportrag.ingestion.testing.IngestionIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ingestion replicas (two Spring contexts, each with its workers and its outbox publisher) on one queue in one
 * PostgreSQL, as two pods of a Deployment: every file is claimed and indexed once (FOR UPDATE SKIP LOCKED), every
 * change event reaches generation once, and both replicas take part.
 */
@IngestionIT
@TestPropertySource(properties = { "rag.ingestion.jobs.workers=2",
        "rag.ingestion.jobs.poll-interval=100ms" })
// Its own queue and workers (or schedules): not worth keeping in the context cache for the classes after it.
@DirtiesContext
class TwoReplicasIT {

    private static final String QUEUE = "two-replicas-" + UUID.randomUUID();
    private static final FakeRetrievalIndex RETRIEVAL;
    private static final FakeGeneration GENERATION;

    static {
        try {
            RETRIEVAL = new FakeRetrievalIndex();
            GENERATION = new FakeGeneration();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
    private static final int FILES = 12;
    private static ConfigurableApplicationContext secondReplica;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("rag.ingestion.jobs.queue", () -> QUEUE);
        registry.add("rag.ingestion.retrieval-url", RETRIEVAL::baseUrl);
        registry.add("rag.ingestion.generation-url", GENERATION::baseUrl);
    }

    @BeforeAll
    static void startSecondReplica() {
        TestDatabase.Coordinates db = TestDatabase.coordinates();
        secondReplica = new SpringApplicationBuilder(IngestionApplication.class).run("--server.port=0",
                "--management.server.port=-1", "--rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(), "--rag.ingestion.jobs.queue=" + QUEUE,
                "--rag.ingestion.jobs.workers=2", "--rag.ingestion.jobs.poll-interval=100ms",
                "--rag.ingestion.retrieval-url=" + RETRIEVAL.baseUrl(),
                "--rag.ingestion.generation-url=" + GENERATION.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (secondReplica != null) {
            secondReplica.close();
        }
        RETRIEVAL.close();
        GENERATION.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChangeOutbox outbox;

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Test
    void everyFileIsClaimedAndIndexedOnceWhileBothReplicasWork() {
        // Slow enough that the four workers of the two replicas overlap on the queue.
        RETRIEVAL.delay(300);
        RestClient http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        String admin = tokens.mint(new CallerIdentity(tenant, "admin@example.com", Set.of(Roles.ADMIN), Set.of(), null));
        String jobUrl = Jobs.uploadGuides(http, admin, FILES);

        JsonNode job = Jobs.await(http, admin, jobUrl, Duration.ofMinutes(3));

        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("created").asInt()).isEqualTo(FILES);
        assertThat(job.get("files").valueStream().map(file -> file.get("attempts").asInt()))
            .as("no file claimed twice").containsOnly(1);
        List<String> indexed = RETRIEVAL.requests().stream().filter(r -> r.method().equals("PUT"))
            .map(FakeRetrievalIndex.Request::documentId).toList();
        assertThat(indexed).hasSize(FILES).doesNotHaveDuplicates();
        int chunks = jdbc.sql("SELECT count(*) FROM ingestion.chunks WHERE tenant_id = ?").param(tenant)
            .query(Integer.class).single();
        int expected = jdbc.sql("SELECT coalesce(sum(chunk_count), 0) FROM ingestion.documents WHERE tenant_id = ?")
            .param(tenant).query(Integer.class).single();
        assertThat(chunks).isEqualTo(expected).isPositive();
        // locked_by names the worker (replica instance id + "-" + thread) that finished the item.
        List<String> replicas = jdbc.sql("SELECT DISTINCT regexp_replace(locked_by, '-[0-9]+$', '') FROM ingestion.job_items "
                + "WHERE tenant_id = ?").param(tenant).query(String.class).list();
        assertThat(replicas).as("replicas that finished items").hasSize(2);
    }

    @Test
    void everyChangeEventReachesGenerationOnceWithBothPublishersRunning() throws Exception {
        GENERATION.reset();
        List<UUID> documents = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID()).toList();
        // One event per document, recorded as the workers record them; both replicas' publishers poll the queue.
        documents.forEach(id -> outbox.add(tenant, "support", List.of(id), ChangeOutbox.UPDATED));

        Jobs.awaitUntil(() -> GENERATION.accepted().size() >= documents.size(), Duration.ofSeconds(60), "the change events");
        Jobs.awaitUntil(() -> jdbc.sql("SELECT count(*) FROM ingestion.change_outbox WHERE tenant_id = ?").param(tenant)
            .query(Integer.class).single() == 0, Duration.ofSeconds(60), "an empty outbox");

        List<String> delivered = GENERATION.accepted().stream()
            .map(event -> event.body().get("documentIds").get(0).asString())
            .filter(id -> documents.contains(UUID.fromString(id)))
            .toList();
        assertThat(delivered).hasSize(documents.size()).doesNotHaveDuplicates();
    }
}
