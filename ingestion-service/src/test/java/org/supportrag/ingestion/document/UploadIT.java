package org.supportrag.ingestion.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.ingestion.format.TestOfficeFiles;
import org.supportrag.ingestion.format.TestPdfs;
import org.supportrag.ingestion.testing.IngestionIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads over real HTTP against real PostgreSQL, the real embedding model and a real HTTP server speaking the
 * retrieval index contract.
 */
@IngestionIT
@TestPropertySource(properties = { "spring.servlet.multipart.max-file-size=1MB", "spring.servlet.multipart.max-request-size=1MB",
        "rag.ingestion.max-file-size=256KB", "rag.ingestion.jobs.queue=upload-it", "rag.ingestion.jobs.poll-interval=100ms",
        "rag.ingestion.jobs.backoff=200ms", "rag.ingestion.jobs.max-attempts=2" })
class UploadIT {

    private static final FakeRetrievalIndex RETRIEVAL = startRetrieval();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEM = "urn:supportrag:problem:";

    private static final String FAQ = """
            # Account FAQ

            ## Can I change my email address?

            Yes. Open Settings > Profile, enter the new address and confirm it from the email we send you.

            ## Can I have two workspaces?

            Yes. Every account can join any number of workspaces; each workspace is billed separately.
            """;

    @DynamicPropertySource
    static void retrieval(DynamicPropertyRegistry registry) {
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
    @Qualifier("internalJwtDecoder")
    JwtDecoder jwtDecoder;

    @Autowired
    JdbcClient jdbc;

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RestClient http;

    @BeforeEach
    void setUp() {
        RETRIEVAL.reset();
        http = RestClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .defaultStatusHandler(status -> true, (request, response) -> {
            })
            .build();
    }

    @Test
    void uploadsMarkdownFilesAndSendsTheirEmbeddedChunksToTheIndex() {
        Reply reply = upload(admin(), "support", file("billing-and-refunds.md", fixture("billing-and-refunds.md")),
                file("faq.md", FAQ));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("knowledgeBase").asString()).isEqualTo("support");
        assertThat(counts(reply)).containsExactly(2, 0, 0, 0);
        JsonNode billing = reply.json().get("documents").get(0);
        JsonNode faq = reply.json().get("documents").get(1);
        assertThat(billing.get("name").asString()).isEqualTo("billing-and-refunds.md");
        assertThat(billing.get("status").asString()).isEqualTo("created");
        assertThat(billing.get("version").asInt()).isEqualTo(1);
        assertThat(billing.get("chunks").asInt()).isGreaterThan(3);
        assertThat(billing.has("error")).isFalse();
        assertThat(faq.get("status").asString()).isEqualTo("created");

        List<FakeRetrievalIndex.Request> puts = RETRIEVAL.requests();
        assertThat(puts).hasSize(2).allSatisfy(put -> {
            assertThat(put.method()).isEqualTo("PUT");
            assertThat(put.contentType()).startsWith("application/json");
            // Sent as the uploading caller: the internal token names the tenant.
            assertThat(put.authorization()).startsWith("Bearer ");
            assertThat(jwtDecoder.decode(put.authorization().substring(7)).getClaimAsString("tenant")).isEqualTo(tenant);
        });
        FakeRetrievalIndex.Request billingPut = puts.getFirst();
        assertThat(billingPut.documentId()).isEqualTo(billing.get("documentId").asString());
        JsonNode body = Objects.requireNonNull(billingPut.body());
        assertThat(body.get("knowledgeBase").asString()).isEqualTo("support");
        assertThat(body.get("title").asString()).isEqualTo("Billing and refunds");
        assertThat(body.get("sourceUri").asString()).isEqualTo("billing-and-refunds.md");
        JsonNode chunks = body.get("chunks");
        assertThat(chunks.size()).isEqualTo(billing.get("chunks").asInt());
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode chunk = chunks.get(i);
            assertThat(chunk.get("ordinal").asInt()).isEqualTo(i);
            assertThat(chunk.get("text").asString()).isNotBlank();
            assertThat(chunk.get("sectionPath").asString()).startsWith("Billing and refunds");
            assertThat(chunk.get("tokenCount").asInt()).isBetween(1, 300);
            assertThat(chunk.get("embedding").size()).isEqualTo(384);
        }
        assertThat(chunks.valueStream().map(chunk -> chunk.get("sectionPath").asString()))
            .contains("Billing and refunds > Invoices", "Billing and refunds > Refunds > How to request a refund");
        // The FAQ's answers are each under the minimum size: merged into one chunk under their parent.
        assertThat(puts.get(1).body().get("chunks").valueStream()).singleElement().satisfies(chunk -> {
            assertThat(chunk.get("sectionPath").asString()).isEqualTo("Account FAQ");
            assertThat(chunk.get("text").asString()).contains("## Can I change my email address?",
                    "## Can I have two workspaces?");
        });

        Map<String, Object> row = jdbc.sql("SELECT * FROM ingestion.documents WHERE tenant_id = ? AND source_uri = ?")
            .params(tenant, "billing-and-refunds.md")
            .query()
            .singleRow();
        assertThat(row).containsEntry("id", UUID.fromString(billing.get("documentId").asString()))
            .containsEntry("knowledge_base", "support")
            .containsEntry("title", "Billing and refunds")
            .containsEntry("kind", "markdown")
            .containsEntry("version", 1)
            .containsEntry("chunk_count", chunks.size());
        assertThat((String) row.get("content_hash")).matches("[0-9a-f]{64}");

        Reply list = get(admin(), "support");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("documents").valueStream().map(document -> document.get("name").asString()))
            .containsExactly("billing-and-refunds.md", "faq.md");
        JsonNode listed = list.json().get("documents").get(0);
        assertThat(listed.get("id").asString()).isEqualTo(billing.get("documentId").asString());
        assertThat(listed.get("title").asString()).isEqualTo("Billing and refunds");
        assertThat(listed.get("kind").asString()).isEqualTo("markdown");
        assertThat(listed.get("version").asInt()).isEqualTo(1);
        assertThat(listed.get("chunks").asInt()).isEqualTo(chunks.size());
        assertThat(listed.get("updatedAt").asString()).isNotBlank();
    }

    @Test
    void reuploadingUnchangedContentIsUnchangedWithoutCallingTheIndex() {
        upload(admin(), "support", file("billing-and-refunds.md", fixture("billing-and-refunds.md")), file("faq.md", FAQ));
        RETRIEVAL.reset();

        // Same content, saved with Windows line endings and a byte order mark.
        Reply reply = upload(admin(), "support",
                file("billing-and-refunds.md", "\uFEFF" + fixture("billing-and-refunds.md").replace("\n", "\r\n")),
                file("faq.md", FAQ));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(counts(reply)).containsExactly(0, 0, 2, 0);
        assertThat(reply.json().get("documents").valueStream().map(document -> document.get("status").asString()))
            .containsOnly("unchanged");
        assertThat(reply.json().get("documents").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(RETRIEVAL.requests()).isEmpty();
    }

    @Test
    void changingAFileUpdatesItUnderTheSameDocumentIdWithTheNextVersion() {
        Reply first = upload(admin(), "support", file("faq.md", FAQ), file("billing.md", fixture("billing-and-refunds.md")));
        String faqId = first.json().get("documents").get(0).get("documentId").asString();
        RETRIEVAL.reset();

        Reply second = upload(admin(), "support",
                file("faq.md", FAQ + "\n## Can I delete my account?\n\nYes, from Settings > Account > Delete.\n"),
                file("billing.md", fixture("billing-and-refunds.md")));

        assertThat(second.status()).isEqualTo(202);
        assertThat(counts(second)).containsExactly(0, 1, 1, 0);
        JsonNode faq = second.json().get("documents").get(0);
        assertThat(faq.get("status").asString()).isEqualTo("updated");
        assertThat(faq.get("documentId").asString()).isEqualTo(faqId);
        assertThat(faq.get("version").asInt()).isEqualTo(2);
        assertThat(RETRIEVAL.requests()).singleElement().satisfies(put -> {
            assertThat(put.method()).isEqualTo("PUT");
            assertThat(put.documentId()).isEqualTo(faqId);
            assertThat(put.body().get("chunks").valueStream().map(chunk -> chunk.get("text").asString()))
                .anyMatch(text -> text.contains("Settings > Account > Delete"));
        });
        assertThat(jdbc.sql("SELECT version FROM ingestion.documents WHERE tenant_id = ? AND id = ?")
            .params(tenant, UUID.fromString(faqId))
            .query(Integer.class)
            .single()).isEqualTo(2);
    }

    @Test
    void failsBadFilesIndividuallyWhileTheOthersSucceed() {
        Reply reply = upload(admin(), "support", file("manual.doc", "Word 97 is not supported"), file("empty.md", "  \n\n "),
                new Part("latin1.txt", "Caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1)),
                file("password-reset.txt", fixture("password-reset.txt")));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(counts(reply)).containsExactly(1, 0, 0, 3);
        JsonNode documents = reply.json().get("documents");
        assertThat(documents.get(0).get("status").asString()).isEqualTo("failed");
        assertThat(documents.get(0).get("error").asString()).isEqualTo("unsupported file type");
        assertThat(documents.get(0).has("documentId")).isFalse();
        assertThat(documents.get(1).get("error").asString()).isEqualTo("empty file");
        assertThat(documents.get(2).get("error").asString()).isEqualTo("invalid UTF-8");
        assertThat(documents.get(3).get("status").asString()).isEqualTo("created");
        assertThat(documents.get(3).get("name").asString()).isEqualTo("password-reset.txt");
        assertThat(RETRIEVAL.requests()).singleElement().satisfies(put -> {
            assertThat(put.body().get("title").asString()).isEqualTo("Resetting your password");
            assertThat(put.body().get("chunks").get(0).get("sectionPath").asString()).isEqualTo("Resetting your password");
        });
        assertThat(jdbc.sql("SELECT kind FROM ingestion.documents WHERE tenant_id = ?").param(tenant).query(String.class).list())
            .containsExactly("text");
    }

    @Test
    void ingestsPdfAndHtmlAndFailsEachUnreadablePdfOnItsOwn() {
        byte[] warranty = TestPdfs.text("Warranty and repairs", TestPdfs.WARRANTY_PAGES);
        String shipping = """
                <html><head><title>Shipping | Acme Help Center</title></head>
                <body><nav><a href="/">Home</a> <a href="/billing">Billing</a></nav>
                <main><h1>Shipping and delivery</h1><p>We ship to 30 countries.</p>
                <h2>Delivery times</h2><p>Standard delivery takes 3 to 5 business days; express takes one.</p></main>
                <footer>Copyright Acme</footer></body></html>
                """;

        Reply reply = upload(admin(), "support", new Part("warranty.pdf", warranty),
                new Part("broken.pdf", TestPdfs.truncated()), file("shipping.html", shipping),
                new Part("locked.pdf", TestPdfs.encrypted(TestPdfs.WARRANTY_PAGES)),
                new Part("scan.pdf", TestPdfs.imageOnly(1)), file("notes.pdf", "Meeting notes, saved with the wrong name"),
                new Part("shipping-copy.md", warranty));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(counts(reply)).containsExactly(2, 0, 0, 5);
        JsonNode documents = reply.json().get("documents");
        assertThat(documents.valueStream().map(document -> document.get("status").asString()))
            .containsExactly("created", "failed", "created", "failed", "failed", "failed", "failed");
        assertThat(documents.get(1).get("error").asString()).isEqualTo("corrupt PDF");
        assertThat(documents.get(3).get("error").asString()).isEqualTo("encrypted PDF");
        assertThat(documents.get(4).get("error").asString()).isEqualTo("no text layer (scanned PDF?)");
        assertThat(documents.get(5).get("error").asString()).isEqualTo("not a PDF file");
        assertThat(documents.get(6).get("error").asString()).isEqualTo("not a text file");

        assertThat(RETRIEVAL.requests()).hasSize(2);
        JsonNode pdf = Objects.requireNonNull(RETRIEVAL.requests().get(0).body());
        assertThat(pdf.get("title").asString()).isEqualTo("Warranty and repairs");
        assertThat(pdf.get("chunks").valueStream().map(chunk -> chunk.get("sectionPath").asString()))
            .containsExactly("Warranty and repairs > p. 1", "Warranty and repairs > p. 2");
        assertThat(pdf.get("chunks").get(1).get("text").asString()).startsWith("To start a repair, open Orders");
        JsonNode html = Objects.requireNonNull(RETRIEVAL.requests().get(1).body());
        assertThat(html.get("title").asString()).isEqualTo("Shipping and delivery");
        assertThat(html.get("chunks").valueStream().map(chunk -> chunk.get("text").asString()))
            .noneMatch(text -> text.contains("Billing") || text.contains("Copyright"))
            .anyMatch(text -> text.contains("Standard delivery takes 3 to 5 business days"));
        assertThat(jdbc.sql("SELECT kind FROM ingestion.documents WHERE tenant_id = ? ORDER BY source_uri")
            .param(tenant)
            .query(String.class)
            .list()).containsExactly("html", "pdf");

        Reply again = upload(admin(), "support", new Part("warranty.pdf", TestPdfs.text("Warranty and repairs",
                TestPdfs.WARRANTY_PAGES)), file("shipping.html", shipping));

        assertThat(counts(again)).containsExactly(0, 0, 2, 0);
    }

    @Test
    void ingestsSourceCodeByDeclarationAndEmailsByMessage() {
        String java = """
                package com.acme.returns;

                /** Decides whether a return is accepted: within 30 days, unused, with its receipt. */
                final class ReturnPolicy {

                    static final int WINDOW_DAYS = 30;

                    boolean accepts(int daysSinceDelivery, boolean unused, boolean hasReceipt) {
                        return daysSinceDelivery <= WINDOW_DAYS && unused && hasReceipt;
                    }
                }
                """;
        String email = """
                From: "Jane Doe" <jane.doe@example.com>
                To: support@acme.test
                Subject: Kettle arrived broken
                Date: Tue, 4 Mar 2025 09:12:44 +0100
                Content-Type: text/plain; charset=UTF-8

                The lid of my kettle is cracked. Can I get a refund?
                """;

        Reply reply = upload(admin(), "support", file("src/com/acme/returns/ReturnPolicy.java", java),
                file("inbox/kettle.eml", email), file("note.eml", "Call the courier back on Monday."),
                new Part("script.py", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }));

        assertThat(reply.status()).isEqualTo(202);
        JsonNode documents = reply.json().get("documents");
        assertThat(documents.valueStream().map(document -> document.get("status").asString()))
            .containsExactly("created", "created", "failed", "failed");
        assertThat(documents.get(2).get("error").asString()).isEqualTo("not an e-mail message");
        assertThat(documents.get(3).get("error").asString()).isEqualTo("not a text file");
        JsonNode code = Objects.requireNonNull(RETRIEVAL.requests().get(0).body());
        assertThat(code.get("title").asString()).isEqualTo("src/com/acme/returns/ReturnPolicy.java");
        assertThat(code.get("chunks").valueStream()).singleElement()
            .satisfies(chunk -> assertThat(chunk.get("sectionPath").asString())
                .isEqualTo("src/com/acme/returns/ReturnPolicy.java > ReturnPolicy"));
        JsonNode mail = Objects.requireNonNull(RETRIEVAL.requests().get(1).body());
        assertThat(mail.get("title").asString()).isEqualTo("Kettle arrived broken");
        assertThat(mail.get("chunks").valueStream().map(chunk -> chunk.get("text").asString()))
            .anyMatch(text -> text.contains("The lid of my kettle is cracked."))
            .noneMatch(text -> text.contains("jane.doe@example.com"));
        assertThat(jdbc.sql("SELECT kind FROM ingestion.documents WHERE tenant_id = ? ORDER BY source_uri")
            .param(tenant)
            .query(String.class)
            .list()).containsExactly("email", "code");
    }

    @Test
    void ingestsWordProcessingDocumentsAlongTheirHeadings() {
        Reply reply = upload(admin(), "support",
                new Part("policies/travel.docx", TestOfficeFiles.docx(TestOfficeFiles.DOCUMENT_XML)),
                new Part("policies/travel.odt", TestOfficeFiles.odt(TestOfficeFiles.CONTENT_XML)),
                file("renamed.docx", "A text file with the wrong extension"),
                file("returns.rtf", "{\\rtf1\\ansi{\\fonttbl{\\f0 Calibri;}}\\f0 Returns policy\\par Items can be returned within 30 days.\\par}"),
                file("deck.pptx", "Not a slide deck"),
                new Part("plans.xlsx", TestOfficeFiles.zip(Map.of("xl/worksheets/sheet1.xml", """
                        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                        <row><c t="inlineStr"><is><t>Plan</t></is></c><c t="inlineStr"><is><t>Seats</t></is></c></row>
                        <row><c t="inlineStr"><is><t>Team</t></is></c><c><v>10</v></c></row></sheetData></worksheet>
                        """))));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(counts(reply)).containsExactly(4, 0, 0, 2);
        assertThat(reply.json().get("documents").get(4).get("error").asString()).isEqualTo("not a PPTX file");
        assertThat(reply.json().get("documents").get(2).get("error").asString())
            .isEqualTo("not a DOCX file (encrypted or legacy .doc?)");
        JsonNode docx = Objects.requireNonNull(RETRIEVAL.requests().get(0).body());
        assertThat(docx.get("title").asString()).isEqualTo("Travel expense policy");
        assertThat(docx.get("chunks").valueStream().map(chunk -> chunk.get("sectionPath").asString()))
            .allMatch(path -> path.startsWith("Travel expense policy"));
        assertThat(docx.get("chunks").valueStream().map(chunk -> chunk.get("text").asString()))
            .anyMatch(text -> text.contains("| Germany | 28 EUR (14 EUR half day) |"));
        assertThat(jdbc.sql("SELECT kind FROM ingestion.documents WHERE tenant_id = ? ORDER BY source_uri")
            .param(tenant)
            .query(String.class)
            .list()).containsExactly("xlsx", "docx", "odt", "rtf");
        assertThat(RETRIEVAL.requests().get(2).body().get("title").asString()).isEqualTo("Returns policy");
    }

    @Test
    void answersARequestWithoutFilesWithAProblem() {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("comment", "no files here");

        Reply reply = exchange(http.post()
            .uri("/api/v1/knowledge-bases/support/documents")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin())
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(form.build()));

        assertProblem(reply, 400, "no-files");
    }

    @Test
    void rejectsAnInvalidKnowledgeBaseName() {
        assertProblem(upload(admin(), "Support_KB", file("faq.md", FAQ)), 400, "invalid-knowledge-base");
        assertProblem(upload(admin(), "-support", file("faq.md", FAQ)), 400, "invalid-knowledge-base");
        assertProblem(get(admin(), "a".repeat(65)), 400, "invalid-knowledge-base");
        assertThat(RETRIEVAL.requests()).isEmpty();
    }

    @Test
    void failsAnOversizedFileInTheJobAndAnOversizedRequestWithA413Problem() {
        Reply reply = upload(admin(), "support", file("huge.md", "# Huge\n\n" + "All work and no play. ".repeat(15_000)),
                file("faq.md", FAQ));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(counts(reply)).containsExactly(1, 0, 0, 1);
        assertThat(reply.json().get("documents").get(0).get("error").asString()).isEqualTo("file too large (at most 256KB)");
        // A body far past the request limit still gets the problem back rather than a reset connection.
        Reply huger = upload(admin(), "support", file("huger.md", "All work and no play. ".repeat(150_000)));
        assertProblem(huger, 413, "payload-too-large");
        assertThat(huger.json().get("detail").asString()).contains("1MB");
        assertThat(RETRIEVAL.requests()).hasSize(1);
    }

    @Test
    void retriesAFileWithBackoffUntilTheIndexTakesIt() {
        RETRIEVAL.failNext(1, 503);

        Reply reply = upload(admin(), "support", file("faq.md", FAQ));

        assertThat(counts(reply)).containsExactly(1, 0, 0, 0);
        assertThat(reply.json().get("files").get(0).get("attempts").asInt()).isEqualTo(2);
        assertThat(reply.json().get("files").get(0).get("state").asString()).isEqualTo("done");
        assertThat(RETRIEVAL.requests()).hasSize(2);
    }

    @Test
    void keepsTheStoredVersionWhenTheIndexFails() {
        Reply first = upload(admin(), "support", file("faq.md", FAQ));
        String faqId = first.json().get("documents").get(0).get("documentId").asString();
        String hash = storedHash(faqId);
        RETRIEVAL.reset();
        RETRIEVAL.failWith(500);

        Reply failed = upload(admin(), "support", file("faq.md", FAQ + "\nOne more line.\n"));

        assertThat(failed.status()).isEqualTo(202);
        assertThat(counts(failed)).containsExactly(0, 0, 0, 1);
        // Tried max-attempts (2) times, then dead-lettered with the error.
        assertThat(failed.json().get("documents").get(0).get("error").asString())
            .isEqualTo("index unavailable (gave up after 2 attempts)");
        assertThat(failed.json().get("files").get(0).get("state").asString()).isEqualTo("dead");
        assertThat(RETRIEVAL.requests()).hasSize(2).allSatisfy(put -> assertThat(put.documentId()).isEqualTo(faqId));
        assertThat(storedHash(faqId)).isEqualTo(hash);
        assertThat(get(admin(), "support").json().get("documents").get(0).get("version").asInt()).isEqualTo(1);

        RETRIEVAL.reset();
        Reply retried = upload(admin(), "support", file("faq.md", FAQ + "\nOne more line.\n"));
        assertThat(retried.json().get("documents").get(0).get("status").asString()).isEqualTo("updated");
        assertThat(retried.json().get("documents").get(0).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void deletesADocumentFromTheIndexAndTheList() {
        String faqId = upload(admin(), "support", file("faq.md", FAQ)).json().get("documents").get(0).get("documentId").asString();
        RETRIEVAL.reset();

        Reply deleted = delete(admin(), "support", faqId);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(RETRIEVAL.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("DELETE");
            assertThat(request.documentId()).isEqualTo(faqId);
        });
        assertThat(get(admin(), "support").json().get("documents").size()).isZero();
        assertProblem(delete(admin(), "support", faqId), 404, "document-not-found");
    }

    @Test
    void keepsADocumentWhenTheIndexCannotDeleteIt() {
        String faqId = upload(admin(), "support", file("faq.md", FAQ)).json().get("documents").get(0).get("documentId").asString();
        RETRIEVAL.failWith(503);

        assertProblem(delete(admin(), "support", faqId), 503, "index-unavailable");
        assertThat(get(admin(), "support").json().get("documents").size()).isEqualTo(1);
    }

    @Test
    void answersAnUnknownDocumentWith404() {
        assertProblem(delete(admin(), "support", UUID.randomUUID().toString()), 404, "document-not-found");
        assertThat(RETRIEVAL.requests()).isEmpty();
    }

    @Test
    void keepsTenantsApart() {
        String faqId = upload(admin(), "support", file("faq.md", FAQ)).json().get("documents").get(0).get("documentId").asString();
        String otherTenant = token(new CallerIdentity("other-" + UUID.randomUUID(), "admin", Set.of(Roles.ADMIN), Set.of(), null));

        assertThat(get(otherTenant, "support").json().get("documents").size()).isZero();
        assertProblem(delete(otherTenant, "support", faqId), 404, "document-not-found");
        Reply sameFile = upload(otherTenant, "support", file("faq.md", FAQ));
        assertThat(sameFile.json().get("documents").get(0).get("status").asString()).isEqualTo("created");
        assertThat(sameFile.json().get("documents").get(0).get("documentId").asString()).isNotEqualTo(faqId);
    }

    @Test
    void rejectsARequestWithoutATokenWith401() {
        Reply reply = exchange(http.post()
            .uri("/api/v1/knowledge-bases/support/documents")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(multipart(file("faq.md", FAQ))));

        assertProblem(reply, 401, "unauthorized");
        assertThat(RETRIEVAL.requests()).isEmpty();
    }

    @Test
    void rejectsACustomerWith403() {
        String customer = token(new CallerIdentity(tenant, "visitor", Set.of(Roles.CUSTOMER), Set.of(), null));

        assertProblem(upload(customer, "support", file("faq.md", FAQ)), 403, "forbidden");
        assertProblem(get(customer, "support"), 403, "forbidden");
        assertProblem(delete(customer, "support", UUID.randomUUID().toString()), 403, "forbidden");
        assertThat(RETRIEVAL.requests()).isEmpty();
    }

    @Test
    void acceptsAServiceCaller() {
        String service = token(CallerIdentity.service(tenant, "eval-service"));

        assertThat(upload(service, "eval-kb", file("faq.md", FAQ)).json().get("created").asInt()).isEqualTo(1);
    }

    record Part(String name, byte[] content) {
    }

    record Reply(int status, @Nullable MediaType contentType, JsonNode json) {
    }

    private static Part file(String name, String content) {
        return new Part(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private String admin() {
        return token(new CallerIdentity(tenant, "admin@example.com", Set.of(Roles.ADMIN), Set.of(), null));
    }

    private String token(CallerIdentity caller) {
        return tokens.mint(caller);
    }

    /** Uploads and waits for the job: the POST's status with the finished job's JSON. */
    private Reply upload(String token, String knowledgeBase, Part... parts) {
        Reply accepted = exchange(http.post()
            .uri("/api/v1/knowledge-bases/{kb}/documents", knowledgeBase)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(multipart(parts)));
        if (accepted.status() != 202) {
            return accepted;
        }
        return new Reply(202, accepted.contentType(), Jobs.await(http, token, accepted.json().get("jobUrl").asString()));
    }

    private Reply get(String token, String knowledgeBase) {
        return exchange(http.get()
            .uri("/api/v1/knowledge-bases/{kb}/documents", knowledgeBase)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    private Reply delete(String token, String knowledgeBase, String documentId) {
        return exchange(http.delete()
            .uri("/api/v1/knowledge-bases/{kb}/documents/{id}", knowledgeBase, documentId)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    private static Reply exchange(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> {
            byte[] body = response.getBody().readAllBytes();
            return new Reply(response.getStatusCode().value(), response.getHeaders().getContentType(),
                    body.length == 0 ? JSON.missingNode() : JSON.readTree(body));
        });
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(
            Part... parts) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        for (Part part : parts) {
            form.part("files", new ByteArrayResource(part.content())).filename(part.name());
        }
        return form.build();
    }

    private static void assertProblem(Reply reply, int status, String type) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).isNotNull();
        assertThat(reply.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .as("content type %s", reply.contentType())
            .isTrue();
        assertThat(reply.json().get("type").asString()).isEqualTo(PROBLEM + type);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("title").asString()).isNotBlank();
    }

    private static int[] counts(Reply reply) {
        JsonNode json = reply.json();
        return new int[] { json.get("created").asInt(), json.get("updated").asInt(), json.get("unchanged").asInt(),
                json.get("failed").asInt() };
    }

    private String storedHash(String documentId) {
        return jdbc.sql("SELECT content_hash FROM ingestion.documents WHERE tenant_id = ? AND id = ?")
            .params(tenant, UUID.fromString(documentId))
            .query(String.class)
            .single();
    }

    private static String fixture(String name) {
        try (InputStream in = Objects.requireNonNull(UploadIT.class.getResourceAsStream("/fixtures/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static FakeRetrievalIndex startRetrieval() {
        try {
            return new FakeRetrievalIndex();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
