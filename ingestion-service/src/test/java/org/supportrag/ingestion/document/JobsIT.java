package org.supportrag.ingestion.document;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.TerminatedConnections;
import org.supportrag.ingestion.format.TestPdfs;
import org.supportrag.ingestion.testing.IngestionIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingestion jobs over real HTTP against real PostgreSQL and the real embedding model, with real HTTP servers standing
 * in for retrieval's index, generation's cache invalidation and web sites: two workers, cancellation, re-ingestion,
 * deletion events, every source (archives, folders, URLs) and the structured kinds.
 */
@IngestionIT
@TestPropertySource(properties = { "rag.ingestion.jobs.queue=jobs-it",
        "rag.ingestion.jobs.workers=2", "rag.ingestion.jobs.poll-interval=100ms", "rag.ingestion.jobs.backoff=200ms",
        "rag.ingestion.url-import.allow-loopback=true", "rag.ingestion.max-file-size=256KB",
        "rag.ingestion.archives.max-ratio=50", "rag.ingestion.jobs.retention=7d",
        "rag.ingestion.jobs.cleanup-interval=300ms" })
class JobsIT {

    private static final FakeRetrievalIndex RETRIEVAL = start(FakeRetrievalIndex::new);
    private static final FakeGeneration GENERATION = start(FakeGeneration::new);
    private static final Path FOLDERS = folders();
    private static final HttpServer SITE = site();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String FAQ = """
            # Account FAQ

            ## Can I change my email address?

            Yes. Open Settings > Profile, enter the new address and confirm it from the email we send you.
            """;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("rag.ingestion.retrieval-url", RETRIEVAL::baseUrl);
        registry.add("rag.ingestion.generation-url", GENERATION::baseUrl);
        registry.add("rag.ingestion.folder-import.allowed-roots", () -> FOLDERS.resolve("allowed").toString());
    }

    @AfterAll
    static void stop() {
        RETRIEVAL.close();
        GENERATION.close();
        SITE.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    @Qualifier("internalJwtDecoder")
    JwtDecoder jwtDecoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseRetry databaseRetry;

    private final String tenant = "tenant-" + UUID.randomUUID();
    private RestClient http;

    @BeforeEach
    void setUp() {
        RETRIEVAL.reset();
        GENERATION.reset();
        // The failures a test provokes (generation down at first) would otherwise open the publisher's breaker for
        // the next test, whose change event then waits out the open state (15 s) instead of being sent.
        breakers.circuitBreaker("outbox-publisher").reset();
        http = RestClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .defaultStatusHandler(status -> true, (request, response) -> {
            })
            .build();
    }

    @Test
    void twoWorkersShareTheQueueWithoutDoingAFileTwice() {
        RETRIEVAL.delay(150);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            files.put("faq-" + i + ".md", text(FAQ.replace("Account FAQ", "Account FAQ " + i)));
        }

        Reply accepted = upload("support", files, Map.of());
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.location()).isEqualTo(accepted.json().get("jobUrl").asString())
            .startsWith("/api/v1/knowledge-bases/support/jobs/");
        JsonNode job = await(accepted);

        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("created").asInt()).isEqualTo(8);
        assertThat(job.get("progress").get("filesDone").asInt()).isEqualTo(8);
        assertThat(job.get("progress").get("chunks").asInt()).isEqualTo(8);
        assertThat(job.get("files").valueStream().map(file -> file.get("attempts").asInt())).containsOnly(1);
        // Every document went to the index exactly once; both workers took items.
        assertThat(RETRIEVAL.requests()).hasSize(8);
        assertThat(RETRIEVAL.requests().stream().map(FakeRetrievalIndex.Request::documentId).distinct()).hasSize(8);
        assertThat(jdbc.sql("SELECT count(DISTINCT locked_by) FROM ingestion.job_items WHERE job_id = ?")
            .param(UUID.fromString(job.get("jobId").asString()))
            .query(Integer.class)
            .single()).isEqualTo(2);
    }

    @Test
    void aJobIsReadAgainAfterPostgreSQLTerminatedItsConnectionInsteadOfAnswered500() throws Exception {
        Reply accepted = upload("support", Map.of("restart.md", text(FAQ.replace("Account FAQ", "Restart FAQ"))), Map.of());
        await(accepted);
        long retriedBefore = databaseRetry.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt();

        // As during a PostgreSQL restart: the pool still holds connections whose backends are gone.
        TerminatedConnections.terminateEveryIdleConnection(dataSource);
        Reply job = exchange(http.get().uri(accepted.location()).header(HttpHeaders.AUTHORIZATION, bearer(admin())));
        TerminatedConnections.terminateEveryIdleConnection(dataSource);
        Reply list = exchange(http.get().uri("/api/v1/knowledge-bases/support/jobs")
            .header(HttpHeaders.AUTHORIZATION, bearer(admin())));

        assertThat(job.status()).as(job.json().toString()).isEqualTo(200);
        assertThat(job.json().get("status").asString()).isEqualTo("completed");
        assertThat(list.status()).as(list.json().toString()).isEqualTo(200);
        assertThat(databaseRetry.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt())
            .as("a job read met a terminated connection and was run again").isGreaterThan(retriedBefore);
    }

    @Test
    void cancelsAJobSoItsUnstartedFilesAreNeverIngested() {
        RETRIEVAL.delay(400);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            files.put("slow-" + i + ".md", text(FAQ.replace("Account FAQ", "Slow FAQ " + i)));
        }
        Reply accepted = upload("support", files, Map.of());
        awaitRequests(1);

        Reply cancelled = exchange(http.post().uri(accepted.location() + "/cancel").header(HttpHeaders.AUTHORIZATION, bearer(admin())));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isIn("cancelling", "cancelled");
        JsonNode job = await(accepted);
        assertThat(job.get("status").asString()).isEqualTo("cancelled");
        List<String> states = job.get("files").valueStream().map(file -> file.get("state").asString()).toList();
        assertThat(states).contains("cancelled").doesNotContain("queued", "running");
        long done = states.stream().filter("done"::equals).count();
        assertThat(done).isBetween(1L, 4L);
        assertThat(RETRIEVAL.requests()).hasSize((int) done);
        assertThat(documents("support")).hasSize((int) done);
    }

    @Test
    void reingestingUnchangedAddsNothingAndAChangedDocumentReplacesItsChunksAndIsAnnounced() {
        JsonNode first = await(upload("support", Map.of("faq.md", text(FAQ)), Map.of()));
        String faqId = first.get("documents").get(0).get("documentId").asString();
        RETRIEVAL.reset();

        JsonNode unchanged = await(upload("support", Map.of("faq.md", text(FAQ)), Map.of()));
        assertThat(unchanged.get("unchanged").asInt()).isEqualTo(1);
        assertThat(RETRIEVAL.requests()).isEmpty();

        String changedFaq = FAQ + "\n## Can I delete my account?\n\nYes, from Settings > Account > Delete.\n";
        JsonNode changed = await(upload("support", Map.of("faq.md", text(changedFaq)), Map.of()));
        assertThat(changed.get("updated").asInt()).isEqualTo(1);
        assertThat(changed.get("documents").get(0).get("documentId").asString()).isEqualTo(faqId);
        assertThat(chunkTexts(faqId)).anyMatch(text -> text.contains("Settings > Account > Delete"));
        awaitEvents(1);
        assertThat(GENERATION.accepted()).singleElement().satisfies(event -> {
            assertThat(event.path()).isEqualTo("/api/v1/cache/document-changes");
            assertThat(event.body().get("change").asString()).isEqualTo("updated");
            assertThat(event.body().get("knowledgeBase").asString()).isEqualTo("support");
            assertThat(event.body().get("documentIds").get(0).asString()).isEqualTo(faqId);
            var token = jwtDecoder.decode(event.authorization().substring("Bearer ".length()));
            assertThat(token.getClaimAsString("tenant")).isEqualTo(tenant);
            assertThat(token.getClaimAsStringList("roles")).containsExactly(Roles.SERVICE);
        });
    }

    @Test
    void deletingADocumentRemovesItsChunksAndAnnouncesItEvenWhenGenerationIsDownAtFirst() {
        JsonNode job = await(upload("support", Map.of("faq.md", text(FAQ)), Map.of()));
        String faqId = job.get("documents").get(0).get("documentId").asString();
        assertThat(chunkTexts(faqId)).isNotEmpty();
        GENERATION.failNext(2);

        Reply deleted = exchange(http.delete()
            .uri("/api/v1/knowledge-bases/support/documents/{id}", faqId)
            .header(HttpHeaders.AUTHORIZATION, bearer(admin())));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(chunkTexts(faqId)).isEmpty();
        assertThat(RETRIEVAL.requests()).last().satisfies(request -> {
            assertThat(request.method()).isEqualTo("DELETE");
            assertThat(request.documentId()).isEqualTo(faqId);
        });
        awaitEvents(1);
        assertThat(GENERATION.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(GENERATION.accepted()).singleElement().satisfies(event -> {
            assertThat(event.body().get("change").asString()).isEqualTo("deleted");
            assertThat(event.body().get("documentIds").get(0).asString()).isEqualTo(faqId);
        });
    }

    @Test
    void anOpenOutboxBreakerLeavesChangeEventsWaitingWithoutSpendingTheirAttempts() throws Exception {
        JsonNode job = await(upload("support", Map.of("faq.md", text(FAQ)), Map.of()));
        String faqId = job.get("documents").get(0).get("documentId").asString();
        CircuitBreaker breaker = breakers.circuitBreaker("outbox-publisher");
        breaker.transitionToOpenState();
        try {
            assertThat(exchange(http.delete()
                .uri("/api/v1/knowledge-bases/support/documents/{id}", faqId)
                .header(HttpHeaders.AUTHORIZATION, bearer(admin()))).status()).isEqualTo(204);
            // Several publisher rounds (poll interval 100 ms) while the breaker is open.
            Awaitility.await("nothing sent while the breaker is open")
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(GENERATION.attempts()).isZero());
            assertThat(jdbc.sql("SELECT attempts FROM ingestion.change_outbox WHERE tenant_id = ? AND change = 'deleted'")
                .param(tenant)
                .query(Integer.class)
                .single()).as("the event's attempts").isZero();
        }
        finally {
            breaker.transitionToClosedState();
        }
        awaitEvents(1);
        assertThat(GENERATION.accepted().getFirst().body().get("change").asString()).isEqualTo("deleted");
    }

    @Test
    void ingestsATicketExportAsOneScrubbedDocumentPerTicketWithItsOutcome() {
        String export = """
                {"tickets": [
                  {"id": "PCL-1001", "subject": "Labels print too small", "status": "solved",
                   "messages": [
                     {"from": "customer", "body": "My labels print tiny. Reach me at dana@example.com or +1 415 555 0100."},
                     {"from": "agent", "body": "Set the label size to 4x6 under Settings > Printing."}]},
                  {"id": "PCL-1002", "subject": "Card charged twice", "status": "open",
                   "messages": [{"from": "customer", "body": "You charged my card 4111 1111 1111 1111 twice."}]}]}
                """;

        JsonNode job = await(upload("support", Map.of("exports/tickets.json", text(export)), Map.of()));

        assertThat(job.get("created").asInt()).isEqualTo(2);
        assertThat(job.get("documents").valueStream().map(document -> document.get("name").asString()))
            .containsExactly("exports/tickets.json#PCL-1001", "exports/tickets.json#PCL-1002");
        JsonNode solved = RETRIEVAL.requests().get(0).body();
        assertThat(solved.get("kind").asString()).isEqualTo("ticket");
        assertThat(solved.get("metadata").get("outcome").asString()).isEqualTo("resolved");
        assertThat(solved.get("metadata").get("ticketId").asString()).isEqualTo("PCL-1001");
        assertThat(solved.get("chunks").valueStream().map(chunk -> chunk.get("sectionPath").asString()))
            .containsExactly("Ticket PCL-1001: Labels print too small > Q&A 1: My labels print tiny. Reach me at [email] "
                    + "or [phone].", "Ticket PCL-1001: Labels print too small > Thread");
        assertThat(RETRIEVAL.requests().get(1).body().get("metadata").get("outcome").asString()).isEqualTo("open");
        // Scrubbed before storage: neither the index nor ingestion's own chunk rows hold the personal data.
        String stored = String.join("\n", jdbc.sql("SELECT c.text FROM ingestion.chunks c WHERE c.tenant_id = ?")
            .param(tenant).query(String.class).list());
        String indexed = String.join("\n", RETRIEVAL.requests().stream().flatMap(request -> request.body().get("chunks")
            .valueStream()).map(chunk -> chunk.get("text").asString()).toList());
        // Chunk texts carry the agent's resolution, never the customer's own words.
        for (String text : List.of(stored, indexed)) {
            assertThat(text).doesNotContain("dana@example.com", "555 0100", "4111", "My labels print tiny",
                    "charged my card").contains("Resolution: Set the label size to 4x6");
        }
    }

    @Test
    void ingestsStructuredRowsOnePerChunkWithTheKnowledgeBaseSettings() {
        Reply settings = exchange(http.put()
            .uri("/api/v1/knowledge-bases/catalog/settings")
            .header(HttpHeaders.AUTHORIZATION, bearer(admin()))
            .contentType(MediaType.APPLICATION_JSON)
            .body("""
                    {"rows": {"titleColumn": "name", "textColumns": ["name", "warranty"], "metadataColumns": ["brand"]},
                     "chunking": {"rows": {"maxTokens": 120, "overlapTokens": 0, "minTokens": 0}}}"""));
        assertThat(settings.status()).isEqualTo(200);
        String csv = """
                sku,name,warranty,brand,internal_cost
                KTL-2,Glass kettle,24 months,Acme,12.10
                TST-1,Toaster,12 months,Acme,8.00
                """;

        JsonNode job = await(upload("catalog", Map.of("products.csv", text(csv)), Map.of()));
        // Another knowledge base has no row settings: every column is text.
        JsonNode faq = await(upload("faq-rows", Map.of("faq.jsonl",
                text("{\"q\": \"Do you ship to Norway?\", \"a\": \"Yes.\"}\n")), Map.of()));

        assertThat(job.get("created").asInt()).as(job.toString()).isEqualTo(1);
        assertThat(faq.get("created").asInt()).as(faq.toString()).isEqualTo(1);
        JsonNode products = RETRIEVAL.requests().get(0).body();
        assertThat(products.get("kind").asString()).isEqualTo("rows");
        assertThat(products.get("metadata").get("brand").asString()).isEqualTo("Acme");
        assertThat(products.get("chunks").valueStream().map(chunk -> chunk.get("text").asString()))
            .containsExactly("name: Glass kettle\nwarranty: 24 months\nbrand: Acme", "name: Toaster\nwarranty: 12 months\nbrand: Acme");
        assertThat(products.get("chunks").get(0).get("sectionPath").asString()).isEqualTo("products > Glass kettle");
        assertThat(RETRIEVAL.requests().get(1).body().get("chunks").get(0).get("text").asString())
            .isEqualTo("q: Do you ship to Norway?\na: Yes.");
        Reply read = exchange(http.get().uri("/api/v1/knowledge-bases/catalog/settings").header(HttpHeaders.AUTHORIZATION, bearer(admin())));
        assertThat(read.json().get("rows").get("titleColumn").asString()).isEqualTo("name");
    }

    @Test
    void ingestsAContractByClausesWhenTheJobSaysSo() {
        String contract = """
                Service Level Agreement

                1. Availability
                1.1 Provider makes the Services available 99.9% of each calendar month.
                1.2 Scheduled maintenance announced 48 hours ahead does not count as downtime.

                2. Service Credits
                2.1 For each full 0.1% below the target, Customer receives a credit of 5% of the monthly fee.
                """;

        JsonNode job = await(upload("legal", Map.of("sla.txt", text(contract)), Map.of("kind", "contract")));

        assertThat(job.get("created").asInt()).isEqualTo(1);
        JsonNode body = RETRIEVAL.requests().getFirst().body();
        assertThat(body.get("kind").asString()).isEqualTo("contract");
        assertThat(body.get("chunks").valueStream().map(chunk -> chunk.get("sectionPath").asString()))
            .contains("Service Level Agreement > 2 Service Credits > 2.1");
    }

    @Test
    void unpacksZipArchivesAndRefusesABombOrATooDeepArchiveOnItsOwn() {
        byte[] nested = zip(Map.of("inner.zip", zip(Map.of("deep.zip", zip(Map.of("deep.md", text("# Deep\n\nText.")))))));
        byte[] archive = zip(Map.of("help/returns.md", text("# Returns\n\nReturns are free within 30 days."),
                "help/notes.doc", text("legacy"), "nested.zip", nested));
        byte[] bomb = zip(Map.of("zeros.md", new byte[200 * 1024]));

        JsonNode job = await(upload("support", Map.of("kb.zip", archive, "bomb.zip", bomb, "faq.md", text(FAQ)), Map.of()));

        Map<String, String> outcome = new LinkedHashMap<>();
        job.get("documents").forEach(document -> outcome.put(document.get("name").asString(),
                document.has("error") ? document.get("error").asString() : document.get("status").asString()));
        assertThat(outcome).containsEntry("kb.zip!/help/returns.md", "created")
            .containsEntry("kb.zip!/help/notes.doc", "unsupported file type")
            .containsEntry("kb.zip!/nested.zip!/inner.zip", "nested archive too deep (at most 2 levels)")
            .containsEntry("faq.md", "created");
        assertThat(outcome.get("bomb.zip")).startsWith("archive refused: inflates beyond");
        assertThat(job.get("created").asInt()).isEqualTo(2);
    }

    @Test
    void importsWebPagesByUrlAndRefusesPrivateTargetsPerUrl() {
        String site = "http://127.0.0.1:" + SITE.getAddress().getPort();
        Reply accepted = exchange(http.post()
            .uri("/api/v1/knowledge-bases/web/imports/urls")
            .header(HttpHeaders.AUTHORIZATION, bearer(admin()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("urls", List.of(site + "/help/shipping", site + "/go-internal", "http://169.254.169.254/latest/"))));
        assertThat(accepted.status()).isEqualTo(202);

        JsonNode job = await(accepted);

        assertThat(job.get("source").asString()).isEqualTo("url");
        assertThat(job.get("created").asInt()).isEqualTo(1);
        JsonNode documents = job.get("documents");
        assertThat(documents.get(0).get("name").asString()).isEqualTo(site + "/help/shipping");
        assertThat(documents.get(1).get("error").asString()).contains("refused").contains("private");
        assertThat(documents.get(2).get("error").asString()).contains("refused");
        JsonNode page = RETRIEVAL.requests().getFirst().body();
        assertThat(page.get("kind").asString()).isEqualTo("html");
        assertThat(page.get("title").asString()).isEqualTo("Shipping and delivery");

        assertProblem(exchange(http.post()
            .uri("/api/v1/knowledge-bases/web/imports/urls")
            .header(HttpHeaders.AUTHORIZATION, bearer(admin()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("urls", List.of("ftp://example.com/file.txt")))), 400, "invalid-urls");
    }

    @Test
    void importsAServerFolderForAdminsWithinTheAllowedRootsOnly() throws IOException {
        Path manuals = Files.createDirectories(FOLDERS.resolve("allowed/manuals-" + UUID.randomUUID()));
        Files.writeString(manuals.resolve("setup.md"), "# Setup\n\nPlug the printer in and install the driver.");
        Files.createDirectories(manuals.resolve("printers"));
        Files.writeString(manuals.resolve("printers/zebra.txt"), "Zebra printers\n\nUse 4x6 labels.");
        Files.writeString(manuals.resolve(".hidden.md"), "# Hidden");

        Reply accepted = folderImport(admin(), manuals.toString());
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode job = await(accepted);

        assertThat(job.get("source").asString()).isEqualTo("folder");
        assertThat(job.get("documents").valueStream().map(document -> document.get("name").asString()))
            .containsExactly("printers/zebra.txt", "setup.md");
        assertProblem(folderImport(admin(), FOLDERS.resolve("outside").toString()), 403, "folder-not-allowed");
        assertProblem(folderImport(admin(), manuals + "/../../outside"), 403, "folder-not-allowed");
        assertProblem(folderImport(admin(), "relative/path"), 400, "invalid-folder");
        assertProblem(folderImport(token(CallerIdentity.service(tenant, "eval-service")), manuals.toString()), 403, "forbidden");
    }

    @Test
    void sendsKindLanguageAclGroupsAndTagsToTheIndexAndKeepsChunkPagesAndOffsets() {
        JsonNode job = await(upload("support", Map.of("warranty.pdf", TestPdfs.text("Warranty and repairs", TestPdfs.WARRANTY_PAGES)),
                Map.of("aclGroups", "support-staff,partners", "tags", "warranty")));

        String id = job.get("documents").get(0).get("documentId").asString();
        JsonNode body = RETRIEVAL.requests().getFirst().body();
        assertThat(body.get("kind").asString()).isEqualTo("pdf");
        assertThat(body.get("language").asString()).isEqualTo("en");
        assertThat(body.get("aclGroups").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("support-staff", "partners");
        assertThat(body.get("metadata").get("tags").asString()).isEqualTo("warranty");
        List<Map<String, Object>> chunks = jdbc.sql("SELECT page, start_offset, end_offset, token_count FROM ingestion.chunks "
                + "WHERE document_id = ? ORDER BY ordinal").param(UUID.fromString(id)).query().listOfRows();
        assertThat(chunks).extracting(row -> row.get("page")).containsExactly(1, 2);
        assertThat(chunks).allSatisfy(row -> assertThat((Integer) row.get("end_offset")).isGreaterThan((Integer) row.get("start_offset")));
        Reply list = exchange(http.get().uri("/api/v1/knowledge-bases/support/documents").header(HttpHeaders.AUTHORIZATION, bearer(admin())));
        JsonNode listed = list.json().get("documents").get(0);
        assertThat(listed.get("language").asString()).isEqualTo("en");
        assertThat(listed.get("aclGroups").valueStream().map(JsonNode::asString)).containsExactly("partners", "support-staff");
        assertThat(listed.get("tags").valueStream().map(JsonNode::asString)).containsExactly("warranty");
    }

    @Test
    void deletesFinishedJobsOlderThanTheRetentionButKeepsTheirDocuments() {
        Reply old = upload("support", Map.of("faq.md", text(FAQ)), Map.of());
        JsonNode finished = await(old);
        Reply recent = upload("support", Map.of("other.md", text(FAQ.replace("Account", "Other"))), Map.of());
        await(recent);
        jdbc.sql("UPDATE ingestion.jobs SET created_at = now() - interval '8 days' WHERE id = ?")
            .param(UUID.fromString(finished.get("jobId").asString()))
            .update();

        awaitUntil(() -> exchange(http.get().uri(old.location()).header(HttpHeaders.AUTHORIZATION, bearer(admin()))).status() == 404,
                "the old job to be deleted");

        assertThat(exchange(http.get().uri(recent.location()).header(HttpHeaders.AUTHORIZATION, bearer(admin()))).status())
            .isEqualTo(200);
        assertThat(documents("support")).hasSize(2);
    }

    @Test
    void answersWrongRequestsWithProblems() {
        assertProblem(upload("support", Map.of("faq.md", text(FAQ)), Map.of("kind", "spreadsheet")), 400, "invalid-kind");
        assertProblem(exchange(http.get().uri("/api/v1/knowledge-bases/support/jobs/{id}", UUID.randomUUID())
            .header(HttpHeaders.AUTHORIZATION, bearer(admin()))), 404, "job-not-found");
        assertProblem(exchange(http.put().uri("/api/v1/knowledge-bases/support/settings")
            .header(HttpHeaders.AUTHORIZATION, bearer(admin())).contentType(MediaType.APPLICATION_JSON)
            .body("{\"chunking\": {\"pdf\": {\"maxTokens\": 4}}}")), 400, null);
        assertProblem(exchange(http.put().uri("/api/v1/knowledge-bases/support/settings")
            .header(HttpHeaders.AUTHORIZATION, bearer(admin())).contentType(MediaType.APPLICATION_JSON)
            .body("{\"chunking\": {\"slides\": {\"maxTokens\": 100, \"overlapTokens\": 0, \"minTokens\": 0}}}")), 400, "invalid-settings");
        assertProblem(exchange(http.post().uri("/api/v1/knowledge-bases/support/imports/urls")
            .header(HttpHeaders.AUTHORIZATION, bearer(admin())).contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("urls", List.of()))), 400, "invalid-urls");
        String otherTenant = token(new CallerIdentity("other-" + UUID.randomUUID(), "admin", Set.of(Roles.ADMIN), Set.of(), null));
        Reply accepted = upload("support", Map.of("faq.md", text(FAQ)), Map.of());
        assertProblem(exchange(http.get().uri(accepted.location()).header(HttpHeaders.AUTHORIZATION, bearer(otherTenant))), 404,
                "job-not-found");
        await(accepted);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    record Reply(int status, @Nullable String location, JsonNode json) {
    }

    private Reply upload(String knowledgeBase, Map<String, byte[]> files, Map<String, String> fields) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        files.forEach((name, content) -> form.part("files", new ByteArrayResource(content)).filename(name));
        fields.forEach(form::part);
        MultiValueMap<String, org.springframework.http.HttpEntity<?>> body = form.build();
        return exchange(http.post()
            .uri("/api/v1/knowledge-bases/{kb}/documents", knowledgeBase)
            .header(HttpHeaders.AUTHORIZATION, bearer(admin()))
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(body));
    }

    private Reply folderImport(String token, String path) {
        return exchange(http.post()
            .uri("/api/v1/knowledge-bases/manuals/imports/folder")
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("path", path)));
    }

    private JsonNode await(Reply accepted) {
        assertThat(accepted.status()).as(accepted.json().toString()).isEqualTo(202);
        return Jobs.await(http, admin(), accepted.location());
    }

    private List<StoredDocumentRow> documents(String knowledgeBase) {
        return jdbc.sql("SELECT id FROM ingestion.documents WHERE tenant_id = ? AND knowledge_base = ?")
            .params(tenant, knowledgeBase)
            .query((rs, row) -> new StoredDocumentRow(rs.getObject("id", UUID.class)))
            .list();
    }

    record StoredDocumentRow(UUID id) {
    }

    private List<String> chunkTexts(String documentId) {
        return jdbc.sql("SELECT text FROM ingestion.chunks WHERE tenant_id = ? AND document_id = ? ORDER BY ordinal")
            .params(tenant, UUID.fromString(documentId))
            .query(String.class)
            .list();
    }

    private static void awaitRequests(int count) {
        awaitUntil(() -> RETRIEVAL.requests().size() >= count, "retrieval requests");
    }

    private static void awaitEvents(int count) {
        awaitUntil(() -> GENERATION.accepted().size() >= count, "document change events");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    private String admin() {
        return token(new CallerIdentity(tenant, "admin@example.com", Set.of(Roles.ADMIN), Set.of(), null));
    }

    private String token(CallerIdentity caller) {
        return tokens.mint(caller);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static Reply exchange(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> {
            byte[] body = response.getBody().readAllBytes();
            return new Reply(response.getStatusCode().value(), response.getHeaders().getFirst(HttpHeaders.LOCATION),
                    body.length == 0 ? JSON.missingNode() : JSON.readTree(body));
        });
    }

    private static void assertProblem(Reply reply, int status, @Nullable String type) {
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(status);
        assertThat(reply.json().get("type").asString()).startsWith("urn:supportrag:problem:");
        if (type != null) {
            assertThat(reply.json().get("type").asString()).isEqualTo("urn:supportrag:problem:" + type);
        }
    }

    static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] zip(Map<String, byte[]> files) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    private interface Starter<T> {
        T start() throws IOException;
    }

    private static <T> T start(Starter<T> starter) {
        try {
            return starter.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path folders() {
        try {
            Path root = Files.createTempDirectory("ingestion-folders");
            Files.createDirectories(root.resolve("allowed"));
            Files.createDirectories(root.resolve("outside"));
            Files.writeString(root.resolve("outside/secret.md"), "# Secret");
            return root;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static HttpServer site() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/help/shipping", exchange -> {
                byte[] page = text("""
                        <html><head><title>Shipping | Help</title></head><body><nav>Home | Billing</nav>
                        <main><h1>Shipping and delivery</h1><p>We ship to 30 countries within 3 to 5 business days.</p></main>
                        <footer>Copyright</footer></body></html>""");
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            });
            server.createContext("/go-internal", exchange -> {
                exchange.getResponseHeaders().set("Location", "http://10.20.30.40/admin");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
