package org.supportrag.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay under deploy/k8s renders, matches the Kubernetes API schemas and keeps the deployment policies. */
class K8sManifestsTests {

    private static final KubernetesSchemas SCHEMAS = new KubernetesSchemas();
    private static final String VERSION = System.getProperty("supportrag.version", "0.1.0-SNAPSHOT");

    /** Custom resources no schema on Maven Central describes (CloudNativePG and its barman-cloud plugin). */
    private static final Set<String> WITHOUT_SCHEMA = Set.of(
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database", "postgresql.cnpg.io/v1/Pooler",
            "postgresql.cnpg.io/v1/ScheduledBackup", "barmancloud.cnpg.io/v1/ObjectStore");

    /** Secrets an operator creates before the first apply (docs/deployment.md); the local overlay generates its own. */
    private static final Set<String> OUT_OF_BAND = Set.of("Secret/supportrag-db", "Secret/supportrag-internal");

    static List<String> overlays() throws IOException {
        return Kustomize.overlays();
    }

    @Test
    void thereAreTheLocalAndProductionOverlays() throws IOException {
        assertThat(overlays()).contains("local", "production");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectMatchesItsKubernetesApiSchema(String overlay) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : Kustomize.render(overlay)) {
            String type = object.path("apiVersion").asString() + "/" + object.path("kind").asString();
            SCHEMAS.validate(object).ifPresentOrElse(
                    errors -> errors.forEach(e -> problems.add(Policies.id(object) + " " + e)),
                    () -> {
                        if (!WITHOUT_SCHEMA.contains(type)) {
                            problems.add(Policies.id(object) + ": no schema for " + type);
                        }
                    });
        }
        assertThat(Kustomize.render(overlay)).isNotEmpty();
        assertThat(problems).as("schema problems in overlay " + overlay).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void customResourcesWithoutSchemaNameTheirCluster(String overlay) {
        List<JsonNode> objects = Kustomize.render(overlay);
        Set<String> clusters = new TreeSet<>();
        Policies.ofKind(objects, "Cluster").forEach(c -> clusters.add(c.path("metadata").path("name").asString()));
        Stream.of("Database", "Pooler", "ScheduledBackup").flatMap(kind -> Policies.ofKind(objects, kind)).forEach(o ->
                assertThat(clusters).as(Policies.id(o) + " names a rendered Cluster")
                        .contains(o.path("spec").path("cluster").path("name").asString()));
        // Advisory locks (schedules) and LISTEN (live events) live on a session: transaction pooling breaks them.
        Policies.ofKind(objects, "Pooler").forEach(pooler -> assertThat(pooler.path("spec").path("pgbouncer")
                .path("poolMode").asString()).as(Policies.id(pooler) + " pool mode").isEqualTo("session"));
        Policies.ofKind(objects, "Cluster").forEach(cluster -> {
            JsonNode spec = cluster.path("spec");
            assertThat(spec.path("instances").asInt()).as(Policies.id(cluster) + " instances").isPositive();
            assertThat(spec.path("storage").path("size").asString()).as(Policies.id(cluster) + " storage").isNotEmpty();
            assertThat(Policies.ofKind(objects, "Database").anyMatch(db -> db.path("spec").path("extensions").valueStream()
                    .anyMatch(e -> e.path("name").asString().equals("vector")))).as("a Database declares pgvector").isTrue();
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasProbesResourcesAndAHardenedSecurityContext(String overlay) {
        assertThat(Policies.ofKind(Kustomize.render(overlay), "Deployment")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(Policies.hardenedDeployments(Kustomize.render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyNamespaceDeniesNetworkTrafficByDefault(String overlay) {
        assertThat(Policies.defaultDenyPerNamespace(Kustomize.render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentWithMoreThanOneReplicaHasADisruptionBudget(String overlay) {
        assertThat(Policies.budgetsForReplicatedDeployments(Kustomize.render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void imagesArePinnedAndOursCarryThePomVersion(String overlay) {
        assertThat(Policies.imageTags(Kustomize.render(overlay), VERSION)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheGatewayIsExposed(String overlay) {
        assertThat(Policies.onlyGatewayExposed(Kustomize.render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyConfigMapAndSecretThePodsReadExists(String overlay) {
        Set<String> outOfBand = overlay.equals("local") ? Set.of() : OUT_OF_BAND;
        assertThat(Policies.unresolvedReferences(Kustomize.render(overlay), outOfBand)).isEmpty();
    }

    @Test
    void onlyTheServicesThatCallAModelMayReachModelProviders() {
        JsonNode policy = Policies.ofKind(Kustomize.render("production"), "NetworkPolicy")
                .filter(p -> p.path("metadata").path("name").asString().equals("allow-model-providers")).findFirst().orElseThrow();
        List<String> selected = policy.path("spec").path("podSelector").path("matchExpressions").get(0).path("values")
                .valueStream().map(JsonNode::asString).sorted().toList();
        assertThat(selected).containsExactly("eval-service", "generation-service", "retrieval-service");
    }

    @Test
    void composeKustomizeAndJibNameTheSameImages() throws IOException {
        Set<String> kustomize = new TreeSet<>();
        Policies.ofKind(Kustomize.render("production"), "Deployment").forEach(d -> d.path("spec").path("template")
                .path("spec").path("containers").forEach(c -> {
                    String image = c.path("image").asString();
                    if (image.startsWith("supportrag/")) {
                        kustomize.add(image.substring(0, image.lastIndexOf(':')));
                    }
                }));
        Set<String> compose = new TreeSet<>();
        Kustomize.YAML.readTree(Kustomize.REPO.resolve("docker-compose.yml").toFile()).path("services").forEach(service -> {
            String image = service.path("image").asString("");
            if (service.has("build") && image.startsWith("supportrag/")) {
                compose.add(image.substring(0, image.lastIndexOf(':')));
            }
        });
        String pom = Files.readString(Kustomize.REPO.resolve("pom.xml"));
        assertThat(kustomize).hasSize(5).isEqualTo(compose);
        // Jib names each service's image supportrag/<artifactId> and tags it :local as well, the tag compose runs.
        assertThat(pom).contains("<image>${supportrag.image.registry}supportrag/${project.artifactId}:${project.version}</image>")
                .contains("<tag>local</tag>");
        for (String image : kustomize) {
            String module = image.substring("supportrag/".length());
            assertThat(Files.readString(Kustomize.REPO.resolve(module).resolve("pom.xml")))
                    .contains("<artifactId>" + module + "</artifactId>").contains("jib-maven-plugin");
        }
    }

    @Test
    void everyDashboardUnderDeployIsShippedAsAConfigMap() throws IOException {
        Set<String> dashboards = new TreeSet<>();
        try (Stream<Path> files = Files.list(Kustomize.REPO.resolve("deploy/dashboards"))) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).forEach(dashboards::add);
        }
        JsonNode configMap = Policies.ofKind(Kustomize.render("production"), "ConfigMap")
                .filter(c -> c.path("metadata").path("name").asString().startsWith("supportrag-dashboards-"))
                .findFirst().orElseThrow();
        Set<String> shipped = new TreeSet<>();
        configMap.path("data").propertyNames().forEach(shipped::add);
        assertThat(shipped).isEqualTo(dashboards);
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asString()).isEqualTo("1");
    }
}
