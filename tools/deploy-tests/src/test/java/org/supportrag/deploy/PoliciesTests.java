package org.supportrag.deploy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks K8sManifestsTests relies on catch what they are meant to catch. */
class PoliciesTests {

    private static final String BARE_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: app
                      image: example/web:latest
                      envFrom: [{secretRef: {name: web-secrets}}]
            """;

    private final List<JsonNode> bare = Kustomize.parse(BARE_DEPLOYMENT);

    @Test
    void aDeploymentWithoutProbesResourcesOrHardeningIsReported() {
        assertThat(Policies.hardenedDeployments(bare)).anyMatch(p -> p.contains("no livenessProbe"))
                .anyMatch(p -> p.contains("no readinessProbe")).anyMatch(p -> p.contains("no limits.memory"))
                .anyMatch(p -> p.contains("readOnlyRootFilesystem")).anyMatch(p -> p.contains("drop ALL"))
                .anyMatch(p -> p.contains("seccompProfile")).anyMatch(p -> p.contains("/tmp"));
    }

    @Test
    void aNamespaceWithoutDefaultDenyIsReported() {
        assertThat(Policies.defaultDenyPerNamespace(bare)).containsExactly("namespace shop: no default-deny NetworkPolicy");
    }

    @Test
    void aReplicatedDeploymentWithoutBudgetIsReported() {
        assertThat(Policies.budgetsForReplicatedDeployments(bare)).hasSize(1);
        List<JsonNode> withBudget = new java.util.ArrayList<>(bare);
        withBudget.addAll(Kustomize.parse("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web}
                spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
                """));
        assertThat(Policies.budgetsForReplicatedDeployments(withBudget)).isEmpty();
    }

    @Test
    void latestUntaggedAndForeignVersionTagsAreReported() {
        assertThat(Policies.imageTags(bare, "1.0.0")).singleElement().asString().contains("no pinned tag");
        assertThat(Policies.imageProblems("x", "supportrag/gateway-service:0.9.0", "1.0.0")).hasSize(1);
        assertThat(Policies.imageProblems("x", "supportrag/gateway-service:1.0.0", "1.0.0")).isEmpty();
        assertThat(Policies.imageProblems("x", "registry:5000/supportrag/retrieval-service", "1.0.0")).hasSize(1);
        assertThat(Policies.imageProblems("x", "otel/collector@sha256:abc", "1.0.0")).isEmpty();
    }

    @Test
    void aSecretNobodyCreatesIsReported() {
        assertThat(Policies.unresolvedReferences(bare, Set.of())).singleElement().asString().contains("Secret/web-secrets");
        assertThat(Policies.unresolvedReferences(bare, Set.of("Secret/web-secrets"))).isEmpty();
    }

    @Test
    void theSchemaRejectsAMisspeltFieldAndAWrongType() {
        var schemas = new KubernetesSchemas();
        List<JsonNode> broken = Kustomize.parse(BARE_DEPLOYMENT.replace("replicas: 3", "replica: 3")
                .replace("name: app", "name: app\n          imagePullPolicy: [Always]"));
        assertThat(schemas.validate(broken.getFirst()).orElseThrow()).anyMatch(p -> p.contains("replica"))
                .anyMatch(p -> p.contains("imagePullPolicy"));
        assertThat(schemas.validate(bare.getFirst()).orElseThrow()).isEmpty();
    }
}
