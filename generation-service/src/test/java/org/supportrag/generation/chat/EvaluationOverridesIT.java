package org.supportrag.generation.chat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.Stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/** Evaluation runs' per-request overrides: applied for admins, refused for everyone else. */
@GenerationIT
class EvaluationOverridesIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final String OVERRIDES = """
            {"message": "How long does a refund take?",
             "evaluation": {"retrievalMode": "lexical", "topK": 1, "promptLabel": "candidate"}}""";

    @Autowired
    ServiceClient client;

    @Test
    void anAdminsEvaluationCallSearchesWithTheVariantsModeAndDepth() throws Exception {
        CallerIdentity admin = new CallerIdentity(newTenant(), "eval-run:1", Set.of(Roles.ADMIN), Set.of(), null);

        ServiceClient.Response answer = client.json(admin, OVERRIDES, "application/json");

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
        ServiceClient.Response answer = client.json(customer(newTenant()), "{\"message\": \"How long does a refund take?\"}",
                "application/json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().has("evaluation")).isFalse();
    }

    @Test
    void aModelThatIsNotConfiguredIsAValidationProblem() throws Exception {
        CallerIdentity admin = new CallerIdentity(newTenant(), "eval-run:1", Set.of(Roles.ADMIN), Set.of(), null);

        ServiceClient.Response answer = client.json(admin,
                "{\"message\": \"Hi\", \"evaluation\": {\"model\": \"gpt-nonexistent\"}}", "application/json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("detail").asString()).contains("evaluation.model");
        assertThat(retrieval.received()).isEmpty();
    }

    @Test
    void aCustomerCannotOverrideAnything() throws Exception {
        ServiceClient.Response answer = client.json(customer(newTenant()), OVERRIDES, "application/json");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().path("type").asString())
            .isEqualTo("urn:supportrag:problem:evaluation-overrides-forbidden");
        assertThat(retrieval.received()).isEmpty();
    }

    @Test
    void invalidOverridesAreAValidationProblem() throws Exception {
        CallerIdentity admin = new CallerIdentity(newTenant(), "eval-run:1", Set.of(Roles.ADMIN), Set.of(), null);

        ServiceClient.Response answer = client.json(admin,
                "{\"message\": \"Hi\", \"evaluation\": {\"retrievalMode\": \"psychic\", \"topK\": 0}}",
                "application/json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("detail").asString()).contains("evaluation.retrievalMode")
            .contains("evaluation.topK");
    }
}
