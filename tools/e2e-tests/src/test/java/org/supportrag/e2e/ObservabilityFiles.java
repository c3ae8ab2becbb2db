package org.supportrag.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's observability files (Grafana dashboards under {@code deploy/dashboards}, Prometheus rule files,
 * Alertmanager configuration), the lint rules every dashboard panel must pass, and the Prometheus tools (installed by
 * {@code deploy/local/prometheus.sh} when missing; a missing tool is a failure, not a skip).
 */
final class ObservabilityFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Labels that would give each user, conversation, message or question its own series. */
    static final Set<String> UNBOUNDED_LABELS = Set.of("user", "user_id", "subject", "conversation", "conversation_id",
            "conversationId", "message", "message_id", "messageId", "question", "query", "session", "session_id",
            "trace_id", "traceId", "span_id", "email", "customer", "customer_id");
    private static final Pattern RANGE_FUNCTION = Pattern.compile("\\b(rate|irate|increase)\\s*\\(");
    private static final Pattern LABEL_NAME = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern METRIC = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{|\\[)");
    private static final Set<String> NOT_METRICS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private ObservabilityFiles() {
    }

    record Panel(String dashboard, String title, String description, JsonNode datasource, List<String> exprs) {
    }

    static Path repo() {
        return Platform.repoRoot();
    }

    static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(repo().resolve("deploy/dashboards"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static JsonNode read(Path dashboard) {
        try {
            return JSON.readTree(Files.readString(dashboard));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<Panel> panels(Path dashboard) {
        JsonNode root = read(dashboard);
        List<Panel> panels = new ArrayList<>();
        collect(root.path("title").asString(""), root.path("panels"), panels);
        return panels;
    }

    private static void collect(String dashboard, JsonNode list, List<Panel> panels) {
        for (JsonNode panel : list) {
            if (panel.path("type").asString("").equals("row")) {
                collect(dashboard, panel.path("panels"), panels);
                continue;
            }
            List<String> exprs = new ArrayList<>();
            panel.path("targets").forEach(target -> exprs.add(target.path("expr").asString("")));
            panels.add(new Panel(dashboard, panel.path("title").asString(""), panel.path("description").asString(""),
                    panel.path("datasource"), exprs));
        }
    }

    /** Every lint problem of a dashboard; empty when it is clean. */
    static List<String> lint(JsonNode dashboard) {
        List<String> problems = new ArrayList<>();
        String title = dashboard.path("title").asString("(untitled)");
        boolean datasourceVariable = false;
        boolean tenantVariable = false;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asString("").equals("datasource")
                    && variable.path("type").asString("").equals("datasource")
                    && variable.path("query").asString("").equals("prometheus")) {
                datasourceVariable = true;
            }
            if (variable.path("name").asString("").equals("tenant")) {
                tenantVariable = true;
            }
        }
        if (!datasourceVariable) {
            problems.add(title + ": no Prometheus datasource variable named 'datasource'");
        }
        if (!tenantVariable) {
            problems.add(title + ": no 'tenant' variable");
        }
        List<Panel> panels = new ArrayList<>();
        collect(title, dashboard.path("panels"), panels);
        if (panels.isEmpty()) {
            problems.add(title + ": no panels");
        }
        for (Panel panel : panels) {
            String where = title + " / " + panel.title();
            if (panel.description().isBlank()) {
                problems.add(where + ": no description");
            }
            if (!panel.datasource().path("uid").asString("").equals("${datasource}")) {
                problems.add(where + ": datasource is not the ${datasource} variable");
            }
            if (panel.exprs().isEmpty() || panel.exprs().stream().anyMatch(String::isBlank)) {
                problems.add(where + ": a target without a query");
            }
            for (String expr : panel.exprs()) {
                problems.addAll(lintExpr(where, expr));
            }
        }
        return problems;
    }

    static List<String> lintExpr(String where, String expr) {
        List<String> problems = new ArrayList<>();
        Matcher range = RANGE_FUNCTION.matcher(expr);
        while (range.find()) {
            int close = closingParen(expr, range.end() - 1);
            String argument = close < 0 ? expr.substring(range.end()) : expr.substring(range.end(), close);
            if (!argument.contains("[$__rate_interval]")) {
                problems.add(where + ": " + range.group(1) + "() without [$__rate_interval]: " + expr);
            }
        }
        for (String label : labels(expr)) {
            if (UNBOUNDED_LABELS.contains(label)) {
                problems.add(where + ": unbounded label '" + label + "': " + expr);
            }
        }
        return problems;
    }

    /** Label names a query filters or groups on. */
    static Set<String> labels(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher matcher = LABEL_NAME.matcher(expr);
        while (matcher.find()) {
            labels.add(matcher.group(1));
        }
        Matcher grouping = GROUPING.matcher(expr);
        while (grouping.find()) {
            for (String label : grouping.group(2).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }

    /** Metric names a query reads (names followed by a selector or a range). */
    static Set<String> metrics(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!NOT_METRICS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static int closingParen(String expr, int open) {
        int depth = 0;
        for (int i = open; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '(') {
                depth++;
            }
            else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The query as Grafana would send it, with the dashboard variables substituted. */
    static String substitute(String expr, String tenant, String rateInterval) {
        return expr.replace("$__rate_interval", rateInterval)
            .replace("$__interval", rateInterval)
            .replace("$__range", rateInterval)
            .replace("$tenant", tenant);
    }

    static List<Path> ruleFiles() {
        try (Stream<Path> files = Files.walk(repo().resolve("deploy"))) {
            return files.filter(file -> file.getFileName().toString().contains("rules")
                    && file.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<Path> ruleTests() {
        try (Stream<Path> files = Files.list(repo().resolve("deploy/prometheus/tests"))) {
            return files.filter(file -> file.toString().endsWith(".test.yml")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Installs the Prometheus tools through the repository's own script when they are missing. */
    static void ensureTools() {
        Result result = run(List.of("bash", repo().resolve("deploy/local/prometheus.sh").toString(), "install",
                "alertmanager"), 600);
        if (result.exitCode() != 0) {
            throw new AssertionError("deploy/local/prometheus.sh install alertmanager failed:\n" + result.output());
        }
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).directory(repo().toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}
