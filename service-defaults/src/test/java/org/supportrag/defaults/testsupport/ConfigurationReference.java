package org.supportrag.defaults.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's part of {@code docs/configuration.md}, generated from the configuration metadata that
 * spring-boot-configuration-processor writes for its {@code @ConfigurationProperties} records (descriptions from
 * their javadoc, defaults from {@code @DefaultValue}) and from its {@code application.yml} (overrides, and the
 * environment variable a placeholder names where it differs from the relaxed name). A test per module compares it
 * with the committed file; {@code -Dconfiguration.docs.write=true} rewrites that module's part.
 */
public final class ConfigurationReference {

    public static final String WRITE = "configuration.docs.write";
    private static final Path DOCUMENT = Path.of("..", "docs", "configuration.md");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z0-9_]+):(.*)}$", Pattern.DOTALL);
    private static final Pattern JAVADOC_CODE = Pattern.compile("\\{@(?:code|link) ([^}]*)}");
    private static final String HEADING = "## Reference (generated from the configuration metadata)";

    private ConfigurationReference() {
    }

    /** Fails unless the committed document holds this module's generated part, or rewrites that part. */
    public static void assertCommitted(String module) {
        String part = render(module);
        String begin = "<!-- generated: " + module + "; do not edit, regenerate: ./mvnw -pl " + module
                + " -am test -Dtest=ConfigurationReferenceTests -D" + WRITE + "=true -->\n";
        String end = "<!-- end generated: " + module + " -->\n";
        try {
            String document = Files.readString(DOCUMENT);
            int from = document.indexOf(begin);
            int to = document.indexOf(end);
            String current = from < 0 || to < 0 ? "" : document.substring(from + begin.length(), to);
            if (Boolean.getBoolean(WRITE)) {
                String updated;
                if (from >= 0 && to >= 0) {
                    updated = document.substring(0, from + begin.length()) + part + document.substring(to);
                }
                else {
                    updated = document.stripTrailing() + "\n\n"
                            + (document.contains(HEADING) ? "" : HEADING + "\n\n") + begin + part + end;
                }
                Files.writeString(DOCUMENT, updated);
                return;
            }
            assertThat(current).as("docs/configuration.md's part for %s no longer matches the configuration "
                    + "metadata; regenerate it (see the comment above that part) and commit the result", module)
                .isEqualTo(part);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String render(String module) {
        Path metadata = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");
        assertThat(metadata).as("configuration metadata of %s (spring-boot-configuration-processor)", module).exists();
        JsonNode root = JsonMapper.builder().build().readTree(metadata.toFile());
        Map<String, Object> yaml = applicationYaml();
        StringBuilder out = new StringBuilder("\n### ").append(module).append("\n\n")
            .append("| property | environment variable | default | description |\n|---|---|---|---|\n");
        List<JsonNode> properties = root.get("properties").valueStream()
            .filter(property -> property.get("name").stringValue().startsWith("rag."))
            .sorted(Comparator.comparing(property -> property.get("name").stringValue()))
            .toList();
        for (JsonNode property : properties) {
            String name = property.get("name").stringValue();
            String environment = relaxedEnvironmentName(name);
            String defaultValue = property.has("defaultValue") ? text(property.get("defaultValue")) : "";
            Object override = yaml.get(name);
            if (override != null) {
                Matcher placeholder = PLACEHOLDER.matcher(override.toString());
                if (placeholder.matches()) {
                    environment = placeholder.group(1);
                    defaultValue = placeholder.group(2);
                }
                else {
                    defaultValue = override.toString();
                }
            }
            String description = property.has("description")
                    ? JAVADOC_CODE.matcher(property.get("description").stringValue()).replaceAll("`$1`") : "";
            out.append("| `").append(name).append("` | `").append(environment).append("` | ")
                .append(defaultValue.isEmpty() ? "" : "`" + defaultValue.replace("|", "\\|") + "`")
                .append(" | ")
                .append(description.replace("\n", " ").replace("|", "\\|"))
                .append(" |\n");
        }
        return out.append('\n').toString();
    }

    /** The environment variable Spring's relaxed binding maps onto a property (dashes as underscores: its legacy form, also bound). */
    static String relaxedEnvironmentName(String property) {
        return property.replace("-", "_").replace('.', '_').replace("[", "_").replace("]", "").toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            return String.join(",", value.valueStream().map(ConfigurationReference::text).toList());
        }
        return value.isString() ? value.stringValue() : value.toString();
    }

    private static Map<String, Object> applicationYaml() {
        Path file = Path.of("src", "main", "resources", "application.yml");
        Map<String, Object> flat = new HashMap<>();
        if (!Files.exists(file)) {
            return flat;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application", new FileSystemResource(file))) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        flat.putIfAbsent(name, String.valueOf(enumerable.getProperty(name)));
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return flat;
    }
}
