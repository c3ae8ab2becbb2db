package org.supportrag.generation.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.chat.ChatClientSupport.body;
import static org.supportrag.generation.chat.ChatClientSupport.customer;
import static org.supportrag.generation.chat.ChatClientSupport.newTenant;

/**
 * Prompt management over real HTTP with real PostgreSQL: the admin API, and which template versions reach the LLM
 * (the stub server records every prompt). Global labels are only moved under random names, since the global
 * templates are shared with every other test of the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "rag.generation.prompt-gate.required=false",
                "rag.generation.provider=openai", "spring.ai.openai.api-key=sk-test",
                "spring.ai.openai.chat.model=stub-model" })
@Import(PostgresTestConfiguration.class)
class PromptsIT {

    static final FakeRetrieval retrieval = new FakeRetrieval();
    static final OpenAiStubServer llm = new OpenAiStubServer().start();
    static final String ANSWER = "Refunds go back to your original payment method within 5 business days [1].";
    static final String BUNDLED_SYSTEM_TEXT = "Cite every statement";

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("rag.generation.retrieval-url", retrieval::url);
        registry.add("spring.ai.openai.base-url", llm::openAiBaseUrl);
    }

    @AfterAll
    static void stopServers() {
        retrieval.close();
        llm.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ChatClientSupport chat;

    @BeforeEach
    void setUp() {
        retrieval.reset();
        llm.reset().respondWith(ANSWER);
        chat = new ChatClientSupport(port, tokens);
    }

    @Test
    void seedsTheBundledTemplatesAsGlobalVersionOneLabelledProduction() throws Exception {
        String bundled = new ClassPathResource("prompts/answer-system.st").getContentAsString(StandardCharsets.UTF_8);
        assertThat(jdbc.sql("""
                SELECT body FROM generation.prompt_templates
                WHERE name = 'answer-system' AND tenant_id IS NULL AND version = 1""")
            .query(String.class)
            .single()).isEqualTo(bundled);

        Response list = send("GET", "/api/v1/prompts", admin(newTenant()), null);

        assertThat(list.status()).isEqualTo(200);
        JsonNode templates = list.body().get("templates");
        for (String name : List.of("answer-system", "answer-user")) {
            JsonNode global = find(templates, name, "global");
            assertThat(global.get("versions").get(0).get("version").intValue()).isEqualTo(1);
            assertThat(global.get("versions").get(0).get("createdBy").stringValue()).isEqualTo("seed");
            assertThat(global.get("labels").has("production")).isTrue();
        }
    }

    @Test
    void createsPromotesAndRollsBackAGlobalVersion() throws Exception {
        CallerIdentity ops = ops();
        String label = randomLabel();

        Response created = send("POST", "/api/v1/prompts/answer-user/versions", ops,
                "{\"body\":\"Help-center excerpts:\\n{context}\\n\\nQuestion: {question}\"}");
        assertThat(created.status()).isEqualTo(201);
        int version = created.body().get("version").intValue();
        assertThat(version).isGreaterThan(1);
        assertThat(created.body().get("scope").stringValue()).isEqualTo("global");

        assertThat(send("PUT", "/api/v1/prompts/answer-user/labels/" + label, ops, "{\"version\":" + version + "}")
            .status()).isEqualTo(200);
        assertThat(send("PUT", "/api/v1/prompts/answer-user/labels/" + label, ops, "{\"version\":1}").status())
            .isEqualTo(200);
        assertThat(globalLabel("answer-user", label)).isEqualTo(1);

        Response rolledBack = send("POST", "/api/v1/prompts/answer-user/labels/" + label + "/rollback", ops, null);

        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.body().get("version").intValue()).isEqualTo(version);
        assertThat(globalLabel("answer-user", label)).isEqualTo(version);
        // The undone move stays in the history, marked.
        assertThat(jdbc.sql("""
                SELECT version || ':' || rolled_back FROM generation.prompt_label_history
                WHERE name = 'answer-user' AND tenant_id IS NULL AND label = ? ORDER BY id""")
            .param(label)
            .query(String.class)
            .list()).containsExactly(version + ":false", "1:true");
        Response nothingLeft = send("POST", "/api/v1/prompts/answer-user/labels/" + label + "/rollback", ops, null);
        assertThat(nothingLeft.status()).isEqualTo(409);
        assertThat(nothingLeft.body().get("type").stringValue())
            .isEqualTo("urn:supportrag:problem:nothing-to-roll-back");
        assertThat(send("PUT", "/api/v1/prompts/answer-user/labels/" + label, ops, "{\"version\":9999}").status())
            .isEqualTo(404);
    }

    @Test
    void aTenantOverrideWinsForItsTenantOnly() throws Exception {
        String tenant = newTenant();
        String marker = "OVERRIDE-" + UUID.randomUUID();
        CallerIdentity admin = admin(tenant);
        Response created = send("POST", "/api/v1/prompts/answer-system/versions?scope=tenant", admin,
                "{\"body\":\"" + marker + " Answer from the excerpts and cite them like [1].\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("version").intValue()).isEqualTo(1);
        assertThat(send("PUT", "/api/v1/prompts/answer-system/labels/production?scope=tenant", admin,
                "{\"version\":1}").status()).isEqualTo(200);

        chat.json(customer(tenant), body("How long do refunds take?"), "application/json");
        String overridden = llm.chatRequests().getLast().messages().getFirst().content();
        CallerIdentity other = customer(newTenant());
        chat.json(other, body("How long do refunds take?"), "application/json");
        String global = llm.chatRequests().getLast().messages().getFirst().content();

        assertThat(overridden).startsWith(marker);
        assertThat(global).doesNotContain(marker).contains(BUNDLED_SYSTEM_TEXT);
        JsonNode recorded = FakeRetrieval.JSON.readTree(promptVersions(tenant));
        assertThat(recorded.size()).isEqualTo(2);
        JsonNode system = recorded.get(0);
        assertThat(system.get("name").stringValue()).isEqualTo("answer-system");
        assertThat(system.get("scope").stringValue()).isEqualTo("tenant");
        assertThat(system.get("version").intValue()).isEqualTo(1);
        assertThat(system.get("label").stringValue()).isEqualTo("production");
        assertThat(recorded.get(1).get("scope").stringValue()).isEqualTo("global");
        assertThat(promptVersions(other.tenantId())).contains("\"scope\": \"global\"")
            .doesNotContain("\"scope\": \"tenant\"");
        // The other tenant's admin does not see the override.
        JsonNode seenByOther = send("GET", "/api/v1/prompts", admin(other.tenantId()), null).body();
        assertThat(seenByOther.toString()).doesNotContain(marker);
        assertThat(find(send("GET", "/api/v1/prompts", admin, null).body().get("templates"), "answer-system",
                "tenant").get("labels").get("production").intValue()).isEqualTo(1);
    }

    @Test
    void rejectsATemplateThatDoesNotUseTheQuestion() throws Exception {
        Response response = send("POST", "/api/v1/prompts/answer-user/versions?scope=tenant", admin(newTenant()),
                "{\"body\":\"Excerpts: {context}\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").stringValue())
            .isEqualTo("urn:supportrag:problem:invalid-prompt-template");
        assertThat(response.body().get("errors").toString()).contains("must use {question}");
    }

    @Test
    void rejectsATemplateThatDoesNotCompile() throws Exception {
        Response response = send("POST", "/api/v1/prompts/answer-user/versions?scope=tenant", admin(newTenant()),
                "{\"body\":\"{context} {question\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("type").stringValue())
            .isEqualTo("urn:supportrag:problem:invalid-prompt-template");
    }

    @Test
    void refusesCallersWhoMayNotManagePrompts() throws Exception {
        String tenant = newTenant();

        Response asCustomer = send("GET", "/api/v1/prompts", customer(tenant), null);
        Response agentCreates = send("POST", "/api/v1/prompts/answer-system/versions?scope=tenant",
                new CallerIdentity(tenant, "agent-1", Set.of(Roles.AGENT), Set.of(), null), "{\"body\":\"Hi.\"}");
        // Global templates apply to every tenant: a tenant's admin may not change them.
        Response adminChangesGlobal = send("POST", "/api/v1/prompts/answer-system/versions", admin(tenant),
                "{\"body\":\"Hi.\"}");

        assertThat(asCustomer.status()).isEqualTo(403);
        assertThat(asCustomer.contentType()).startsWith("application/problem+json");
        assertThat(agentCreates.status()).isEqualTo(403);
        assertThat(adminChangesGlobal.status()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/prompts", null, null).status()).isEqualTo(401);
    }

    @Test
    void aCanaryConversationKeepsTheCanaryPromptAndRecordsIt() throws Exception {
        String tenant = newTenant();
        CallerIdentity admin = admin(tenant);
        String marker = "CANARY-" + UUID.randomUUID();
        send("POST", "/api/v1/prompts/answer-system/versions?scope=tenant", admin,
                "{\"body\":\"" + marker + " Answer from the excerpts and cite them like [1].\"}");
        assertThat(send("PUT", "/api/v1/prompts/answer-system/labels/canary?scope=tenant", admin, "{\"version\":1}")
            .status()).isEqualTo(200);
        assertThat(send("PUT", "/api/v1/prompts/canary?scope=tenant", admin, "{\"percent\":100}").status())
            .isEqualTo(200);
        CallerIdentity visitor = customer(tenant);

        String conversationId = chat.json(visitor, body("How long do refunds take?"), "application/json")
            .body()
            .get("conversationId")
            .stringValue();
        String first = llm.chatRequests().getLast().messages().getFirst().content();
        // Turning the canary off affects new conversations only.
        send("PUT", "/api/v1/prompts/canary?scope=tenant", admin, "{\"percent\":0}");
        chat.json(visitor, ChatClientSupport.body("And for gift cards?", conversationId), "application/json");
        String followUp = llm.chatRequests().getLast().messages().getFirst().content();
        chat.json(visitor, body("How long do refunds take?"), "application/json");
        String later = llm.chatRequests().getLast().messages().getFirst().content();

        assertThat(first).startsWith(marker);
        assertThat(followUp).startsWith(marker);
        assertThat(later).doesNotContain(marker).contains(BUNDLED_SYSTEM_TEXT);
        assertThat(jdbc.sql("SELECT prompt_variant FROM generation.conversations WHERE tenant_id = ? ORDER BY created_at")
            .param(tenant)
            .query(String.class)
            .list()).containsExactly("canary", "production");
        List<String> recorded = jdbc.sql("""
                SELECT v->>'label' || ':' || (v->>'scope') || ':' || (v->>'version')
                FROM generation.messages m, jsonb_array_elements(m.prompt_versions) v
                WHERE m.tenant_id = ? AND m.role = 'assistant' AND v->>'name' = 'answer-system'
                ORDER BY m.created_at""")
            .param(tenant)
            .query(String.class)
            .list();
        assertThat(recorded).hasSize(3);
        assertThat(recorded.subList(0, 2)).containsExactly("canary:tenant:1", "canary:tenant:1");
        assertThat(recorded.get(2)).startsWith("production:global:");
    }

    private Integer globalLabel(String name, String label) {
        return jdbc.sql("""
                SELECT version FROM generation.prompt_labels WHERE name = ? AND tenant_id IS NULL AND label = ?""")
            .param(name)
            .param(label)
            .query(Integer.class)
            .single();
    }

    private String promptVersions(String tenant) {
        return jdbc.sql("""
                SELECT prompt_versions::text FROM generation.messages WHERE tenant_id = ? AND role = 'assistant'""")
            .param(tenant)
            .query(String.class)
            .single();
    }

    private static JsonNode find(JsonNode templates, String name, String scope) {
        for (JsonNode template : templates) {
            if (template.get("name").stringValue().equals(name) && template.get("scope").stringValue().equals(scope)) {
                return template;
            }
        }
        throw new AssertionError("No " + scope + " template " + name + " in " + templates);
    }

    private static CallerIdentity admin(String tenant) {
        return new CallerIdentity(tenant, "admin-" + UUID.randomUUID(), Set.of(Roles.ADMIN), Set.of(), null);
    }

    private static CallerIdentity ops() {
        return new CallerIdentity("platform", "ops-" + UUID.randomUUID(), Set.of(Roles.OPS), Set.of(), null);
    }

    /** Labels are lowercase letters and '-'. */
    private static String randomLabel() {
        StringBuilder label = new StringBuilder("it-");
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 12).toCharArray()) {
            label.append((char) ('a' + Character.digit(c, 16)));
        }
        return label.toString();
    }

    record Response(int status, String contentType, JsonNode body) {
    }

    private Response send(String method, String path, CallerIdentity caller, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (caller != null) {
            request.header("Authorization", "Bearer " + tokens.mint(caller));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                body == null || body.isBlank() ? FakeRetrieval.JSON.nullNode() : FakeRetrieval.JSON.readTree(body));
    }
}
