package org.supportrag.generation.chat;

import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.chat.ChatClientSupport.customer;
import static org.supportrag.generation.chat.ChatClientSupport.newTenant;

/** Evaluation runs' per-request overrides: applied for admins, refused for everyone else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET)
@Import(PostgresTestConfiguration.class)
class EvaluationOverridesIT {

    static final FakeRetrieval retrieval = new FakeRetrieval();
    static final String OVERRIDES = """
            {"message": "How long does a refund take?",
             "evaluation": {"retrievalMode": "lexical", "topK": 1, "promptLabel": "candidate"}}""";

    @DynamicPropertySource
    static void retrievalUrl(DynamicPropertyRegistry registry) {
        registry.add("rag.generation.retrieval-url", retrieval::url);
    }

    @AfterAll
    static void stopRetrieval() {
        retrieval.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    ChatClientSupport client;

    @BeforeEach
    void setUp() {
        retrieval.reset();
        client = new ChatClientSupport(port, tokens);
    }

    @Test
    void anAdminsEvaluationCallSearchesWithTheVariantsModeAndDepth() throws Exception {
        CallerIdentity admin = new CallerIdentity(newTenant(), "eval-run:1", Set.of(Roles.ADMIN), Set.of(), null);

        ChatClientSupport.Json answer = client.json(admin, OVERRIDES, "application/json");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(retrieval.received()).isNotEmpty();
        assertThat(retrieval.received().getFirst().body().mode()).isEqualTo("lexical");
        assertThat(retrieval.received().getFirst().body().topK()).isEqualTo(1);
        // An evaluation call's answer says what it was answered with: the retrieved chunks (offline: no prompts).
        assertThat(answer.body().path("evaluation").path("retrieved")).isNotEmpty();
        assertThat(answer.body().path("evaluation").path("retrieved").get(0).has("url")).isTrue();
        assertThat(answer.body().path("evaluation").path("promptVersions")).isEmpty();
    }

    @Test
    void aTurnWithoutEvaluationOverridesDoesNotReportWhatItUsed() throws Exception {
        ChatClientSupport.Json answer = client.json(customer(newTenant()), "{\"message\": \"How long does a refund take?\"}",
                "application/json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().has("evaluation")).isFalse();
    }

    @Test
    void aModelThatIsNotConfiguredIsAValidationProblem() throws Exception {
        CallerIdentity admin = new CallerIdentity(newTenant(), "eval-run:1", Set.of(Roles.ADMIN), Set.of(), null);

        ChatClientSupport.Json answer = client.json(admin,
                "{\"message\": \"Hi\", \"evaluation\": {\"model\": \"gpt-nonexistent\"}}", "application/json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("detail").asString()).contains("evaluation.model");
        assertThat(retrieval.received()).isEmpty();
    }

    @Test
    void aCustomerCannotOverrideAnything() throws Exception {
        ChatClientSupport.Json answer = client.json(customer(newTenant()), OVERRIDES, "application/json");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().path("type").asString())
            .isEqualTo("urn:supportrag:problem:evaluation-overrides-forbidden");
        assertThat(retrieval.received()).isEmpty();
    }

    @Test
    void invalidOverridesAreAValidationProblem() throws Exception {
        CallerIdentity admin = new CallerIdentity(newTenant(), "eval-run:1", Set.of(Roles.ADMIN), Set.of(), null);

        ChatClientSupport.Json answer = client.json(admin,
                "{\"message\": \"Hi\", \"evaluation\": {\"retrievalMode\": \"psychic\", \"topK\": 0}}",
                "application/json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("detail").asString()).contains("evaluation.retrievalMode")
            .contains("evaluation.topK");
    }
}
