package org.supportrag.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Renders the overlays under deploy/k8s with `kubectl kustomize`, the same command the docs and CI use. */
final class Kustomize {

    static final Path REPO = Path.of(System.getProperty("supportrag.repo", "../..")).toAbsolutePath().normalize();
    static final Path OVERLAYS = REPO.resolve("deploy/k8s/overlays");
    static final YAMLMapper YAML = new YAMLMapper();

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    static List<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(dir -> Files.exists(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        }
    }

    /** The overlay's objects, rendered once per test run. */
    static List<JsonNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> parse(kubectlKustomize(OVERLAYS.resolve(name))));
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
        }
        return objects;
    }

    private static String kubectlKustomize(Path dir) {
        // The observability component reads deploy/dashboards, deploy/otel and deploy/prometheus: one source of truth.
        List<String> command = List.of("kubectl", "kustomize", "--load-restrictor", "LoadRestrictionsNone", dir.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("kubectl is not on the PATH: the deployment tests render the overlays with "
                    + "`kubectl kustomize` (install kubectl, e.g. `apt-get install kubectl` or the official binary)", ex);
        }
        try {
            var out = process.getInputStream().readAllBytes();
            var err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
