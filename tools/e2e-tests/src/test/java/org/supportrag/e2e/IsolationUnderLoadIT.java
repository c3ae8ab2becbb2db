package org.supportrag.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Isolation under load: 10,000 attempts, sixteen at a time, by a caller of another tenant (an admin and agent, the
 * strongest role) and by a customer of the same tenant outside a document's ACL group, to reach tenant A's data by
 * its ids in paths, by search filters, through the answer cache, by conversation ids, through the live event stream,
 * and by feedback and labels on A's messages. Each service is called directly with the internal token the gateway
 * would mint for that caller, so every attempt meets the service's own checks. A leak is a success status where the
 * resource is foreign, or any answer carrying one of A's secret words (canaries planted in its documents); there
 * must be none, and A's data must be unchanged afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServiceLogsOnFailure.class)
class IsolationUnderLoadIT {

    static final int ATTEMPTS = 10_000;
    static final int CONCURRENCY = 16;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String KB = "iso";

    final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    Platform platform;
    final String suffix = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 4);
    final String tenantA = "iso-a-" + suffix;
    final String tenantB = "iso-b-" + suffix;
    /** Words found nowhere else: any answer carrying one came from tenant A's documents. */
    final String publicCanary = "zorblax" + suffix;
    final String staffCanary = "quindle" + suffix;
    final String feedbackCanary = "flumbert" + suffix;
    final String labelCanary = "grindlow" + suffix;
    final List<String> documentIds = new ArrayList<>();
    String jobPath;
    String staffDocumentId;
    String conversationId;
    String messageId;

    @BeforeAll
    void tenantAWithDocumentsAConversationAnEscalationFeedbackAndALabel() throws Exception {
        platform = SharedPlatform.platform();
        jobPath = upload(Map.of("gift-cards.md", """
                # Gift cards

                ## Balance
                Gift card balances never expire. Ask for the %s code at the till to check a balance.
                """.formatted(publicCanary)), List.of());
        awaitJob(jobPath);
        awaitJob(upload(Map.of("staff-discount.md", """
                # Staff discount

                ## Staff discount code
                Employees get 30 percent off with the staff discount code %s at checkout.
                """.formatted(staffCanary)), List.of("staff")));
        JsonNode documents = JSON.readTree(send("ingestion", "GET", "/api/v1/knowledge-bases/" + KB + "/documents",
                admin(tenantA), null).body());
        documents.path("documents").forEach(document -> {
            documentIds.add(document.path("id").asString());
            if (document.path("aclGroups").toString().contains("staff")) {
                staffDocumentId = document.path("id").asString();
            }
        });
        assertThat(staffDocumentId).as("the staff document's id").isNotNull();
        assertThat(documentIds).as("tenant A's documents").hasSize(2);

        JsonNode answer = JSON.readTree(send("generation", "POST", "/api/v1/chat", customer(tenantA, "alice"),
                chatBody("How do I check my gift card balance?", null)).body());
        assertThat(answer.path("answer").asString()).as("A's own answer uses A's document").contains(publicCanary);
        conversationId = answer.path("conversationId").asString();
        messageId = answer.path("messageId").asString();
        assertThat(send("generation", "POST", "/api/v1/conversations/" + conversationId + "/escalate",
                customer(tenantA, "alice"), "{}").statusCode() / 100).isEqualTo(2);
        assertThat(send("eval", "POST", "/api/v1/feedback", customer(tenantA, "alice"), feedbackOfA()).statusCode())
            .isEqualTo(201);
        assertThat(send("eval", "POST", "/api/v1/labels", admin(tenantA), labelOfA()).statusCode()).isEqualTo(201);
        // A staff member asks the staff question first: its answer is now in the answer cache.
        assertThat(send("generation", "POST", "/api/v1/chat", staff(tenantA),
                chatBody("What is the staff discount code?", null)).body()).contains(staffCanary);
    }

    /**
     * One kind of attempt: the request, and what in its answer would be a leak besides a word only A's data holds
     * (for tenant B: any of A's canaries; for A's customer outside the staff group: the staff canary).
     */
    record Attempt(String name, int weight, boolean otherTenant, Request request,
            Predicate<HttpResponse<String>> leaks) {
    }

    @FunctionalInterface
    interface Request {
        HttpResponse<String> send() throws Exception;
    }

    @Test
    void tenThousandCrossTenantAndCrossAclAttemptsLeakNothingAndChangeNothing() throws Exception {
        JsonNode conversationBefore = conversationOfA();
        List<Attempt> kinds = attempts();
        List<Attempt> plan = new ArrayList<>();
        while (plan.size() < ATTEMPTS) {
            for (Attempt kind : kinds) {
                for (int i = 0; i < kind.weight() && plan.size() < ATTEMPTS; i++) {
                    plan.add(kind);
                }
            }
        }
        Map<String, AtomicInteger> leaks = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perKind = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<?>> sent = new ArrayList<>();
            for (Attempt attempt : plan) {
                sent.add(pool.submit(() -> {
                    perKind.computeIfAbsent(attempt.name(), name -> new AtomicInteger()).incrementAndGet();
                    try {
                        HttpResponse<String> response = attempt.request().send();
                        statuses.computeIfAbsent(attempt.name() + " " + response.statusCode(),
                                key -> new AtomicInteger()).incrementAndGet();
                        if (attempt.leaks().test(response) || carriesACanary(response, attempt.otherTenant())) {
                            leaks.computeIfAbsent(attempt.name(), name -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    catch (Exception ex) {
                        errors.incrementAndGet();
                    }
                }));
            }
            for (Future<?> attempt : sent) {
                attempt.get();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("Isolation under load: %d attempts (%d kinds) in %d ms, %d leaks, %d errors; %s%n",
                plan.size(), kinds.size(), took.toMillis(), leaks.values().stream().mapToInt(AtomicInteger::get).sum(),
                errors.get(), new java.util.TreeMap<>(statuses));

        assertThat(plan).hasSize(ATTEMPTS);
        assertThat(leaks).as("leaks per kind of attempt").isEmpty();
        assertThat(errors).as("attempts without an answer").hasValue(0);
        assertThat(statuses.keySet()).as("no server errors").noneMatch(key -> key.endsWith(" 500")
                || key.endsWith(" 502") || key.endsWith(" 503"));
        assertTenantAUnchanged(conversationBefore);
    }

    private List<Attempt> attempts() {
        String b = tenantB;
        String conversation = "/api/v1/conversations/" + conversationId;
        Predicate<HttpResponse<String>> anySuccess = response -> response.statusCode() / 100 == 2;
        // A's ids in an answer B did not send them in.
        Predicate<HttpResponse<String>> namesA = response -> documentIds.stream().anyMatch(response.body()::contains)
                || response.body().contains(messageId) || response.body().contains(conversationId);
        // Feedback and labels name A's message in B's own request: stored as B's, echoed to B; A's never show.
        Predicate<HttpResponse<String>> onlyCanaries = response -> false;
        List<Attempt> kinds = new ArrayList<>();
        // Ids in paths.
        kinds.add(attempt("read A's conversation", 3, () -> send("generation", "GET", conversation, admin(b), null),
                anySuccess));
        kinds.add(attempt("stream A's conversation events", 2,
                () -> send("generation", "GET", conversation + "/events", admin(b), null), anySuccess));
        kinds.add(attempt("reply in A's conversation", 3,
                () -> send("generation", "POST", conversation + "/agent-replies", admin(b),
                        "{\"text\":\"Hello from another tenant\"}"), anySuccess));
        kinds.add(attempt("claim A's escalation", 3,
                () -> send("generation", "POST", "/api/v1/escalations/" + conversationId + "/claim", admin(b), null),
                anySuccess));
        kinds.add(attempt("resolve A's escalation", 3,
                () -> send("generation", "POST", "/api/v1/escalations/" + conversationId + "/resolve", admin(b),
                        null), anySuccess));
        kinds.add(attempt("escalate A's conversation", 3,
                () -> send("generation", "POST", conversation + "/escalate", customer(b, "alice"), "{}"), anySuccess));
        kinds.add(attempt("read A's turn in the interaction log", 3,
                () -> send("generation", "GET", "/api/v1/interaction-log/" + messageId, admin(b), null), anySuccess));
        kinds.add(attempt("list A's escalations", 3,
                () -> send("generation", "GET", "/api/v1/escalations", admin(b), null), namesA));
        kinds.add(attempt("delete A's document", 3, () -> send("ingestion", "DELETE",
                "/api/v1/knowledge-bases/" + KB + "/documents/" + documentIds.get(
                        ThreadLocalRandom.current().nextInt(documentIds.size())), admin(b), null), anySuccess));
        kinds.add(attempt("read A's ingestion job", 3, () -> send("ingestion", "GET", jobPath, admin(b), null),
                anySuccess));
        kinds.add(attempt("list A's documents by its knowledge base name", 3,
                () -> send("ingestion", "GET", "/api/v1/knowledge-bases/" + KB + "/documents", admin(b), null),
                namesA));
        // Conversation ids in the body.
        kinds.add(attempt("continue A's conversation", 2, () -> send("generation", "POST", "/api/v1/chat",
                customer(b, "alice"), chatBody("What did I ask before?", conversationId)), anySuccess));
        // Search filters: A's knowledge base by name, A's document ids.
        kinds.add(attempt("search A's documents by id", 3, () -> send("retrieval", "POST", "/api/v1/search",
                admin(b), "{\"query\":\"gift card balance staff discount code\",\"knowledgeBase\":\"" + KB
                        + "\",\"filters\":{\"documentIds\":[\"" + String.join("\",\"", documentIds) + "\"]}}"),
                namesA));
        // Feedback and labels on A's message: stored, if at all, as B's own; never visible to A (checked after).
        kinds.add(attempt("feedback on A's message", 3,
                () -> send("eval", "POST", "/api/v1/feedback", customer(b, "mallory"), feedbackBody()), onlyCanaries));
        kinds.add(attempt("label A's message", 3, () -> send("eval", "POST", "/api/v1/labels", admin(b),
                labelBody()), onlyCanaries));
        kinds.add(attempt("read feedback on A's conversation", 3, () -> send("eval", "GET",
                "/api/v1/feedback?conversationId=" + conversationId, admin(b), null), onlyCanaries));
        kinds.add(attempt("read labels of A's conversation", 3, () -> send("eval", "GET",
                "/api/v1/labels?conversationId=" + conversationId, admin(b), null), onlyCanaries));
        // Cache keys: the very question A asked, in a knowledge base of the same name.
        kinds.add(attempt("ask A's cached question from another tenant", 1, () -> send("generation", "POST",
                "/api/v1/chat", customer(b, "bob"), chatBody("How do I check my gift card balance?", null)), namesA));
        // Cross-ACL within tenant A: a customer outside the staff group.
        Predicate<HttpResponse<String>> namesStaffDocument = response -> response.body().contains(staffDocumentId);
        kinds.add(new Attempt("ask the staff question outside the staff group", 1, false, () -> send("generation",
                "POST", "/api/v1/chat", customer(tenantA, "carol"), chatBody("What is the staff discount code?", null)),
                namesStaffDocument));
        kinds.add(new Attempt("search the staff document outside the staff group", 4, false, () -> send("retrieval",
                "POST", "/api/v1/search", customer(tenantA, "carol"), "{\"query\":\"staff discount code employees\","
                        + "\"knowledgeBase\":\"" + KB + "\"}"), namesStaffDocument));
        return kinds;
    }

    /** Tenant B's attempts; the full chat turns (weight 1) are the dear ones, the rest weigh 4. */
    private static Attempt attempt(String name, int weight, Request request, Predicate<HttpResponse<String>> leaks) {
        return new Attempt(name, weight == 1 ? 1 : 4, true, request, leaks);
    }

    /** A's canaries reach tenant B never, and the staff canary reaches no one outside the staff group. */
    private boolean carriesACanary(HttpResponse<String> response, boolean otherTenant) {
        String body = response.body();
        return body.contains(staffCanary) || otherTenant && (body.contains(publicCanary)
                || body.contains(feedbackCanary) || body.contains(labelCanary));
    }

    private void assertTenantAUnchanged(JsonNode conversationBefore) throws Exception {
        assertThat(conversationOfA().path("messages")).as("A's conversation, no message added")
            .hasSize(conversationBefore.path("messages").size());
        JsonNode documents = JSON.readTree(send("ingestion", "GET", "/api/v1/knowledge-bases/" + KB + "/documents",
                admin(tenantA), null).body());
        assertThat(documents.path("documents")).as("A's documents, none deleted").hasSize(2);
        JsonNode feedback = JSON.readTree(send("eval", "GET", "/api/v1/feedback?conversationId=" + conversationId,
                admin(tenantA), null).body());
        assertThat(feedback).as("feedback A sees on its conversation: its own only").hasSize(1);
        JsonNode labels = JSON.readTree(send("eval", "GET", "/api/v1/labels?conversationId=" + conversationId,
                admin(tenantA), null).body());
        assertThat(labels.path("items")).as("labels A sees: its own only").hasSize(1);
        JsonNode open = JSON.readTree(send("generation", "GET", "/api/v1/escalations?status=open", admin(tenantA),
                null).body());
        assertThat(open.toString()).as("A's escalation, still open and unclaimed").contains(conversationId);
    }

    private JsonNode conversationOfA() throws Exception {
        HttpResponse<String> response = send("generation", "GET", "/api/v1/conversations/" + conversationId,
                admin(tenantA), null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String chatBody(String message, String conversation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("knowledgeBase", KB);
        if (conversation != null) {
            body.put("conversationId", conversation);
        }
        return JSON.writeValueAsString(body);
    }

    private String feedbackBody() {
        return "{\"conversationId\":\"" + conversationId + "\",\"messageId\":\"" + messageId + "\",\"rating\":\"down\"}";
    }

    /** A's own feedback and label carry canaries too: B must never read them. */
    private String feedbackOfA() {
        return "{\"conversationId\":\"" + conversationId + "\",\"messageId\":\"" + messageId
                + "\",\"rating\":\"up\",\"comment\":\"Helpful " + feedbackCanary + "\"}";
    }

    private String labelOfA() {
        return "{\"conversationId\":\"" + conversationId + "\",\"messageId\":\"" + messageId
                + "\",\"label\":\"correct\",\"note\":\"Checked " + labelCanary + "\"}";
    }

    private String labelBody() {
        return "{\"conversationId\":\"" + conversationId + "\",\"messageId\":\"" + messageId
                + "\",\"label\":\"incorrect\",\"correctedAnswer\":\"Overwritten by another tenant\"}";
    }

    /** Uploads Markdown into tenant A's knowledge base with the given ACL groups; the job's path. */
    private String upload(Map<String, String> files, List<String> aclGroups) throws Exception {
        String boundary = "iso" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        files.forEach((name, content) -> body.append("--").append(boundary).append("\r\n")
            .append("Content-Disposition: form-data; name=\"files\"; filename=\"").append(name).append("\"\r\n")
            .append("Content-Type: text/markdown\r\n\r\n")
            .append(content)
            .append("\r\n"));
        for (String group : aclGroups) {
            body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"aclGroups\"\r\n\r\n")
                .append(group)
                .append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        HttpResponse<String> accepted = http.send(HttpRequest
            .newBuilder(URI.create(platform.url("ingestion") + "/api/v1/knowledge-bases/" + KB + "/documents"))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + admin(tenantA))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return URI.create(accepted.headers().firstValue("Location").orElseThrow()).getPath();
    }

    private void awaitJob(String path) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            JsonNode job = JSON.readTree(send("ingestion", "GET", path, admin(tenantA), null).body());
            String status = job.path("status").asString("");
            if (status.equals("completed")) {
                return;
            }
            assertThat(status).as(job.toString()).isNotIn("cancelled", "failed");
            assertThat(Instant.now()).as("ingestion job done in time").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> send(String service, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.url(service) + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", path.endsWith("/events") ? "text/event-stream" : "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String admin(String tenant) throws Exception {
        return token(tenant, "admin-" + tenant, "[\"admin\",\"agent\"]", "[]", null);
    }

    private static String staff(String tenant) throws Exception {
        return token(tenant, "staff-" + tenant, "[\"customer\"]", "[\"staff\"]", "staff-member");
    }

    private static String customer(String tenant, String customer) throws Exception {
        return token(tenant, "widget:" + customer, "[\"customer\"]", "[]", customer);
    }

    /** The internal token the gateway would mint for the caller (HS256, the platform's shared secret). */
    private static String token(String tenant, String subject, String roles, String groups, String customer)
            throws Exception {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"gateway-service\",\"sub\":\"" + subject + "\",\"aud\":[\"supportrag-internal\"],"
                + "\"tenant\":\"" + tenant + "\",\"roles\":" + roles + ",\"groups\":" + groups
                + (customer == null ? "" : ",\"customer\":\"" + customer + "\"") + ",\"iat\":" + (now - 5)
                + ",\"exp\":" + (now + 600) + "}";
        String signingInput = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Platform.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
