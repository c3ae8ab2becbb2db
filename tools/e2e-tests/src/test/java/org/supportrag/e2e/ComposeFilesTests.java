package org.supportrag.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and the files it mounts, checked without Docker (the build machines have none): pinned images,
 * every mounted file present, Prometheus loading the alert rules and scraping the services where compose runs them,
 * Grafana provisioned with its datasources and the dashboards folder, and the OpenTelemetry Collector's pipelines
 * built from components it defines, sending traces to the trace backend in compose.
 */
class ComposeFilesTests {

    /** A release version in an image tag (v2.55.1, 0.115.1, 0.8.0-pg17, 25.0.3_9-jre), or a digest. */
    private static final Pattern PINNED = Pattern.compile(".+:(v?\\d+\\.\\d+[^:/]*)$|.+@sha256:[0-9a-f]{64}$");
    /** {@code ${env:NAME:-default}} (collector) and {@code ${NAME:-default}} (compose). */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(?:env:)?([A-Za-z0-9_]+)(?::-([^}]*))?}");

    final Path repo = Platform.repoRoot();
    final Map<String, Object> compose = yaml(repo.resolve("docker-compose.yml"));
    final Map<String, Map<String, Object>> services = maps(compose.get("services"));

    @Test
    void everyImageIsPinnedToAReleaseOrBuiltFromThisRepository() {
        List<String> built = services.values().stream().filter(service -> service.containsKey("build"))
            .map(service -> (String) service.get("image")).toList();
        assertThat(built).as("the services built from this repository").hasSize(5);
        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            assertThat(image).as("image of " + name).isNotBlank();
            if (!built.contains(image)) {
                assertThat(image).as("image of " + name + " is pinned to a release (not latest, not a moving tag)")
                    .matches(PINNED).doesNotEndWith(":latest");
            }
        });
        for (String line : lines(repo.resolve("deploy/docker/Dockerfile"))) {
            if (line.startsWith("FROM ")) {
                assertThat(line.substring("FROM ".length()).split("\\s+")[0]).as("Dockerfile base image")
                    .matches(PINNED);
            }
        }
    }

    @Test
    void everyFileComposeMountsIsInTheRepository() {
        services.forEach((name, service) -> mounts(service).forEach((target, source) -> assertThat(source)
            .as(name + " mounts " + target).exists()));
    }

    @Test
    void prometheusInComposeLoadsEveryRuleFileScrapesEveryServiceAndAlertsThroughAlertmanager() {
        Map<String, Object> prometheus = services.get("prometheus");
        Map<String, Path> mounts = mounts(prometheus);
        String configFile = strings(prometheus.get("command")).stream()
            .filter(argument -> argument.startsWith("--config.file="))
            .map(argument -> argument.substring("--config.file=".length()))
            .findFirst()
            .orElseThrow();
        Path config = hostPath(mounts, configFile).orElseThrow(() -> new AssertionError(configFile + " not mounted"));
        assertThat(config).isEqualTo(repo.resolve("deploy/prometheus/prometheus.yml"));
        Map<String, Object> settings = yaml(config);

        Set<Path> loaded = new LinkedHashSet<>();
        for (String ruleFile : strings(settings.get("rule_files"))) {
            Path host = hostPath(mounts, ruleFile).orElseThrow(() -> new AssertionError(ruleFile + " not mounted"));
            assertThat(host).as(ruleFile).isRegularFile();
            loaded.add(host.normalize());
        }
        assertThat(loaded).as("rule files Prometheus loads in compose")
            .contains(repo.resolve("deploy/prometheus/supportrag-rules.yml"))
            .containsAll(ObservabilityFiles.ruleFiles().stream().map(Path::normalize)
                .filter(rules -> rules.startsWith(repo.resolve("deploy/prometheus")))
                .toList());

        Map<String, String> scraped = new LinkedHashMap<>();
        for (Map<String, Object> job : list(settings.get("scrape_configs"))) {
            for (Map<String, Object> targets : list(job.get("static_configs"))) {
                for (String target : strings(targets.get("targets"))) {
                    scraped.put((String) job.get("job_name"), target);
                }
            }
        }
        for (String service : Platform.SERVICES) {
            String job = service + "-service";
            Map<String, Object> env = map(services.get(job).get("environment"));
            String port = String.valueOf(env.get("RAG_" + service.toUpperCase(java.util.Locale.ROOT) + "_PORT"));
            // The dashboards and alerts select on the job name; the target is the compose service and its port.
            assertThat(scraped).as("scrape job " + job).containsEntry(job, job + ":" + port);
        }
        scraped.values().forEach(target -> assertThat(services).as("scrape target " + target)
            .containsKey(target.substring(0, target.indexOf(':'))));

        List<Map<String, Object>> alertmanagers = list(map(settings.get("alerting")).get("alertmanagers"));
        assertThat(alertmanagers).isNotEmpty();
        for (Map<String, Object> alertmanager : alertmanagers) {
            for (Map<String, Object> targets : list(alertmanager.get("static_configs"))) {
                assertThat(strings(targets.get("targets"))).containsExactly("alertmanager:9093");
            }
        }
        assertThat(hostPath(mounts(services.get("alertmanager")), "/etc/alertmanager/alertmanager.yml"))
            .contains(repo.resolve("deploy/alertmanager/alertmanager.yml"));
    }

    @Test
    void grafanaIsProvisionedWithTheDatasourcesAndTheDashboardsFolder() {
        Map<String, Path> mounts = mounts(services.get("grafana"));
        Path provisioning = hostPath(mounts, "/etc/grafana/provisioning").orElseThrow();
        assertThat(provisioning).isEqualTo(repo.resolve("deploy/grafana/provisioning"));

        List<Map<String, Object>> providers = list(yaml(provisioning.resolve("dashboards/supportrag.yml"))
            .get("providers"));
        assertThat(providers).hasSize(1);
        String path = (String) map(providers.getFirst().get("options")).get("path");
        Path dashboards = hostPath(mounts, path).orElseThrow(() -> new AssertionError(path + " not mounted"));
        assertThat(dashboards).as("the provisioned dashboards folder").isDirectory()
            .isEqualTo(repo.resolve("deploy/dashboards"));
        assertThat(ObservabilityFiles.dashboards()).hasSizeGreaterThanOrEqualTo(5)
            .allSatisfy(file -> assertThat(file.getParent()).isEqualTo(dashboards));

        List<Map<String, Object>> datasources = list(yaml(provisioning.resolve("datasources/supportrag.yml"))
            .get("datasources"));
        assertThat(datasources).extracting(datasource -> datasource.get("type")).contains("prometheus", "tempo");
        for (Map<String, Object> datasource : datasources) {
            String host = java.net.URI.create((String) datasource.get("url")).getHost();
            assertThat(services).as("datasource " + datasource.get("name") + " points at a compose service")
                .containsKey(host);
        }
    }

    @Test
    void theCollectorsPipelinesUseDefinedComponentsAndSendTracesToTheTraceBackend() {
        Map<String, Object> collector = services.get("otel-collector");
        String configPath = strings(collector.get("command")).getFirst().substring("--config=".length());
        Path file = hostPath(mounts(collector), configPath).orElseThrow();
        assertThat(file).isEqualTo(repo.resolve("deploy/otel/collector.yaml"));
        Map<String, Object> config = yaml(file);
        Map<String, Object> service = map(config.get("service"));
        Map<String, Map<String, Object>> pipelines = maps(service.get("pipelines"));
        assertThat(pipelines).containsKeys("traces", "logs");
        // Once as compose starts it (defaults), once with the upstream configured as the docs say.
        for (Map<String, String> host : List.of(Map.<String, String>of(),
                Map.of("OTEL_UPSTREAM_EXPORTER", "otlp/upstream", "OTEL_UPSTREAM_ENDPOINT", "apm.example:4317"))) {
            // What the collector's process sees: compose's environment, resolved against the host's.
            Map<String, String> env = new LinkedHashMap<>();
            map(collector.get("environment")).forEach((key, value) -> env.put(key, resolve(String.valueOf(value),
                    host)));
            Set<String> traceExporters = new LinkedHashSet<>();
            pipelines.forEach((name, pipeline) -> {
                for (String kind : List.of("receivers", "processors", "exporters")) {
                    for (String component : strings(pipeline.get(kind))) {
                        String resolved = resolve(component, env);
                        assertThat(map(config.get(kind))).as(name + " pipeline's " + kind + " with " + env)
                            .containsKey(resolved);
                        if (name.equals("traces") && kind.equals("exporters")) {
                            traceExporters.add(resolved);
                        }
                    }
                }
            });
            assertThat(traceExporters).as("traces go to the trace backend in compose").contains("otlp/tempo");
            if (!host.isEmpty()) {
                assertThat(traceExporters).as("and upstream when configured").contains("otlp/upstream");
                assertThat(resolve((String) map(map(config.get("exporters")).get("otlp/upstream")).get("endpoint"),
                        env)).isEqualTo("apm.example:4317");
            }
        }
        strings(service.get("extensions")).forEach(extension -> assertThat(map(config.get("extensions")))
            .containsKey(extension));

        // The Tempo exporter reaches the compose service tempo, which receives OTLP over gRPC on that port.
        String endpoint = resolve((String) map(map(config.get("exporters")).get("otlp/tempo")).get("endpoint"),
                Map.of());
        assertThat(endpoint).isEqualTo("tempo:4317");
        assertThat(services).containsKey("tempo");
        String tempoConfig = strings(services.get("tempo").get("command")).getFirst()
            .substring("-config.file=".length());
        Map<String, Object> tempo = yaml(hostPath(mounts(services.get("tempo")), tempoConfig).orElseThrow());
        Map<String, Object> otlp = map(map(map(tempo.get("distributor")).get("receivers")).get("otlp"));
        assertThat((String) map(map(otlp.get("protocols")).get("grpc")).get("endpoint")).endsWith(":4317");

        // The services send OTLP to the collector's HTTP receiver.
        String otlpHttp = (String) map(map(map(map(config.get("receivers")).get("otlp")).get("protocols"))
            .get("http")).get("endpoint");
        services.forEach((name, definition) -> {
            if (definition.containsKey("build")) {
                assertThat(map(definition.get("environment")).get("OTEL_EXPORTER_OTLP_ENDPOINT"))
                    .as(name).isEqualTo("http://otel-collector:" + otlpHttp.substring(otlpHttp.lastIndexOf(':') + 1));
            }
        });
    }

    @Test
    void theTestsHelpersResolveVariablesAndRefuseMovingTags() {
        assertThat(resolve("${env:OTEL_UPSTREAM_EXPORTER:-debug}", Map.of())).isEqualTo("debug");
        assertThat(resolve("${env:OTEL_UPSTREAM_EXPORTER:-debug}", Map.of("OTEL_UPSTREAM_EXPORTER", "otlp/upstream")))
            .isEqualTo("otlp/upstream");
        assertThat("grafana/grafana:latest").doesNotMatch(PINNED);
        assertThat("pgvector/pgvector:pg17").doesNotMatch(PINNED);
        assertThat("grafana/tempo").doesNotMatch(PINNED);
        assertThat("prom/prometheus:v2.55.1").matches(PINNED);
    }

    /** Replaces variables by their value in {@code env}, else their default; unknown ones stay. */
    static String resolve(String text, Map<String, String> env) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = env.get(matcher.group(1));
            if (value == null || value.isEmpty()) {
                value = matcher.group(2) != null ? matcher.group(2) : matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    /** Bind mounts of a compose service: container path to the repository path. */
    private Map<String, Path> mounts(Map<String, Object> service) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (String volume : strings(service.get("volumes"))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[1], repo.resolve(parts[0].substring(2)).normalize());
            }
        }
        return mounts;
    }

    /** The repository path a container path comes from, through the longest mount that contains it. */
    private static Optional<Path> hostPath(Map<String, Path> mounts, String containerPath) {
        return mounts.entrySet().stream()
            .filter(mount -> containerPath.equals(mount.getKey()) || containerPath.startsWith(mount.getKey() + "/"))
            .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
            .map(mount -> containerPath.equals(mount.getKey()) ? mount.getValue()
                    : mount.getValue().resolve(containerPath.substring(mount.getKey().length() + 1)));
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            return map(loaded);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> maps(Object value) {
        return (Map<String, Map<String, Object>>) (Map<?, ?>) map(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        assertThat(value).isInstanceOf(List.class);
        List<String> strings = new ArrayList<>();
        ((List<?>) value).forEach(item -> strings.add(String.valueOf(item)));
        return strings;
    }
}
