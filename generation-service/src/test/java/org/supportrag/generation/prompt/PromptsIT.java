package org.supportrag.generation.prompt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.ServiceClient.Response;
import org.supportrag.generation.testing.StubOpenAiProvider;
import org.supportrag.generation.testing.Stubs;
import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * Prompt management over real HTTP with real PostgreSQL: the admin API, and which template versions reach the LLM
 * (the stub server records every prompt). Global labels are only moved under random names, since the global
 * templates are shared with every other test of the database.
 */
@GenerationIT
@StubOpenAiProvider
@TestPropertySource(properties = "rag.generation.prompt-gate.required=false")
class PromptsIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final OpenAiStubServer llm = Stubs.LLM;
    static final String ANSWER = "Refunds go back to your original payment method within 5 business days [1].";
    static final String BUNDLED_SYSTEM_TEXT = "Cite every statement";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServiceClient chat;

    @BeforeEach
    void setUp() {
        llm.respondWith(ANSWER);
    }

    @Test
    void seedsTheBundledTemplatesAsGlobalVersionOneLabelledProduction() throws Exception {
        String bundled = new ClassPathResource("prompts/answer-system.st").getContentAsString(StandardCharsets.UTF_8);
        assertThat(jdbc.sql("""
                SELECT body FROM generation.prompt_templates
                WHERE name = 'answer-system' AND tenant_id IS NULL AND version = 1""")
            .query(String.class)
            .single()).isEqualTo(bundled);

        Response list = chat.send("GET", "/api/v1/prompts", admin(newTenant()), null);

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

        Response created = chat.send("POST", "/api/v1/prompts/answer-user/versions", ops,
                "{\"body\":\"Help-center excerpts:\\n{context}\\n\\nQuestion: {question}\"}");
        assertThat(created.status()).isEqualTo(201);
        int version = created.body().get("version").intValue();
        assertThat(version).isGreaterThan(1);
        assertThat(created.body().get("scope").stringValue()).isEqualTo("global");

        assertThat(chat.send("PUT", "/api/v1/prompts/answer-user/labels/" + label, ops, "{\"version\":" + version + "}")
            .status()).isEqualTo(200);
        assertThat(chat.send("PUT", "/api/v1/prompts/answer-user/labels/" + label, ops, "{\"version\":1}").status())
            .isEqualTo(200);
        assertThat(globalLabel("answer-user", label)).isEqualTo(1);

        Response rolledBack = chat.send("POST", "/api/v1/prompts/answer-user/labels/" + label + "/rollback", ops, null);

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
        Response nothingLeft = chat.send("POST", "/api/v1/prompts/answer-user/labels/" + label + "/rollback", ops, null);
        assertThat(nothingLeft.status()).isEqualTo(409);
        assertThat(nothingLeft.body().get("type").stringValue())
            .isEqualTo("urn:supportrag:problem:nothing-to-roll-back");
        assertThat(chat.send("PUT", "/api/v1/prompts/answer-user/labels/" + label, ops, "{\"version\":9999}").status())
            .isEqualTo(404);
    }

    @Test
    void aTenantOverrideWinsForItsTenantOnly() throws Exception {
        String tenant = newTenant();
        String marker = "OVERRIDE-" + UUID.randomUUID();
        CallerIdentity admin = admin(tenant);
        Response created = chat.send("POST", "/api/v1/prompts/answer-system/versions?scope=tenant", admin,
                "{\"body\":\"" + marker + " Answer from the excerpts and cite them like [1].\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("version").intValue()).isEqualTo(1);
        assertThat(chat.send("PUT", "/api/v1/prompts/answer-system/labels/production?scope=tenant", admin,
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
        JsonNode seenByOther = chat.send("GET", "/api/v1/prompts", admin(other.tenantId()), null).body();
        assertThat(seenByOther.toString()).doesNotContain(marker);
        assertThat(find(chat.send("GET", "/api/v1/prompts", admin, null).body().get("templates"), "answer-system",
                "tenant").get("labels").get("production").intValue()).isEqualTo(1);
    }

    @Test
    void rejectsATemplateThatDoesNotUseTheQuestion() throws Exception {
        Response response = chat.send("POST", "/api/v1/prompts/answer-user/versions?scope=tenant", admin(newTenant()),
                "{\"body\":\"Excerpts: {context}\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").stringValue())
            .isEqualTo("urn:supportrag:problem:invalid-prompt-template");
        assertThat(response.body().get("errors").toString()).contains("must use {question}");
    }

    @Test
    void rejectsATemplateThatDoesNotCompile() throws Exception {
        Response response = chat.send("POST", "/api/v1/prompts/answer-user/versions?scope=tenant", admin(newTenant()),
                "{\"body\":\"{context} {question\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("type").stringValue())
            .isEqualTo("urn:supportrag:problem:invalid-prompt-template");
    }

    @Test
    void refusesCallersWhoMayNotManagePrompts() throws Exception {
        String tenant = newTenant();

        Response asCustomer = chat.send("GET", "/api/v1/prompts", customer(tenant), null);
        Response agentCreates = chat.send("POST", "/api/v1/prompts/answer-system/versions?scope=tenant",
                new CallerIdentity(tenant, "agent-1", Set.of(Roles.AGENT), Set.of(), null), "{\"body\":\"Hi.\"}");
        // Global templates apply to every tenant: a tenant's admin may not change them.
        Response adminChangesGlobal = chat.send("POST", "/api/v1/prompts/answer-system/versions", admin(tenant),
                "{\"body\":\"Hi.\"}");

        assertThat(asCustomer.status()).isEqualTo(403);
        assertThat(asCustomer.contentType()).startsWith("application/problem+json");
        assertThat(agentCreates.status()).isEqualTo(403);
        assertThat(adminChangesGlobal.status()).isEqualTo(403);
        assertThat(chat.send("GET", "/api/v1/prompts", null, null).status()).isEqualTo(401);
    }

    @Test
    void aCanaryConversationKeepsTheCanaryPromptAndRecordsIt() throws Exception {
        String tenant = newTenant();
        CallerIdentity admin = admin(tenant);
        String marker = "CANARY-" + UUID.randomUUID();
        chat.send("POST", "/api/v1/prompts/answer-system/versions?scope=tenant", admin,
                "{\"body\":\"" + marker + " Answer from the excerpts and cite them like [1].\"}");
        assertThat(chat.send("PUT", "/api/v1/prompts/answer-system/labels/canary?scope=tenant", admin, "{\"version\":1}")
            .status()).isEqualTo(200);
        assertThat(chat.send("PUT", "/api/v1/prompts/canary?scope=tenant", admin, "{\"percent\":100}").status())
            .isEqualTo(200);
        CallerIdentity visitor = customer(tenant);

        String conversationId = chat.json(visitor, body("How long do refunds take?"), "application/json")
            .body()
            .get("conversationId")
            .stringValue();
        String first = llm.chatRequests().getLast().messages().getFirst().content();
        // Turning the canary off affects new conversations only.
        chat.send("PUT", "/api/v1/prompts/canary?scope=tenant", admin, "{\"percent\":0}");
        chat.json(visitor, ServiceClient.body("And for gift cards?", conversationId), "application/json");
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
}
