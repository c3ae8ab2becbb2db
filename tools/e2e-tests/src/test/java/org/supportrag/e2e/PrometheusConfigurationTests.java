package org.supportrag.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability files checked with Prometheus' own tools (Debian's prometheus and prometheus-alertmanager,
 * installed by deploy/local/prometheus.sh when missing) and the dashboards' lint rules.
 */
class PrometheusConfigurationTests {

    @BeforeAll
    static void installTheTools() {
        ObservabilityFiles.ensureTools();
    }

    @Test
    void promtoolAcceptsTheGeneratedMakeRunConfigWithEveryRuleFile() throws Exception {
        Path config = Files.createTempFile("prometheus", ".yml");
        try {
            ObservabilityFiles.Result written = ObservabilityFiles.run(List.of("bash",
                    ObservabilityFiles.repo().resolve("deploy/local/prometheus.sh").toString(), "config",
                    config.toString()), 60);
            assertThat(written.exitCode()).as(written.output()).isZero();
            assertThat(Files.readString(config)).contains("gateway-service", "ingestion-service", "retrieval-service",
                    "generation-service", "eval-service", "/actuator/prometheus", "supportrag-rules.yml");
            ObservabilityFiles.Result checked = ObservabilityFiles.run(List.of("promtool", "check", "config",
                    config.toString()), 60);
            assertThat(checked.exitCode()).as(checked.output()).isZero();
        }
        finally {
            Files.deleteIfExists(config);
        }
    }

    @Test
    void promtoolAcceptsTheComposePrometheusConfig() {
        ObservabilityFiles.Result checked = ObservabilityFiles.run(List.of("promtool", "check", "config",
                "--syntax-only", "deploy/prometheus/prometheus.yml"), 60);
        assertThat(checked.exitCode()).as(checked.output()).isZero();
    }

    @Test
    void promtoolAcceptsEveryRuleFile() {
        List<Path> rules = ObservabilityFiles.ruleFiles();
        assertThat(rules).isNotEmpty();
        for (Path file : rules) {
            ObservabilityFiles.Result checked = ObservabilityFiles.run(List.of("promtool", "check", "rules",
                    file.toString()), 60);
            assertThat(checked.exitCode()).as(file + "\n" + checked.output()).isZero();
        }
    }

    @Test
    void everyAlertHasARunbookAndPassesItsFiringAndQuietRuleTests() throws Exception {
        List<String> alerts = new ArrayList<>();
        for (Path file : ObservabilityFiles.ruleFiles()) {
            for (String line : Files.readAllLines(file)) {
                if (line.strip().startsWith("- alert: ")) {
                    alerts.add(line.strip().substring("- alert: ".length()).strip());
                }
            }
            String text = Files.readString(file);
            assertThat(text.split("- alert: ").length - 1).as("alerts with a runbook in " + file)
                .isEqualTo(text.split("\n {10}runbook: ").length - 1);
        }
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        List<Path> tests = ObservabilityFiles.ruleTests();
        assertThat(tests).isNotEmpty();
        StringBuilder allTests = new StringBuilder();
        for (Path test : tests) {
            allTests.append(Files.readString(test));
            ObservabilityFiles.Result result = ObservabilityFiles.run(List.of("promtool", "test", "rules",
                    test.toString()), 300);
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("SUCCESS");
        }
        String text = allTests.toString();
        for (String alert : alerts) {
            // A firing case (expected alerts listed) and a quiet case (exp_alerts: []) for every alert.
            assertThat(text).as("firing case of " + alert)
                .containsPattern("alertname: " + alert + "\n\\s+exp_alerts:\n\\s+- exp_labels:");
            assertThat(text).as("quiet case of " + alert).containsPattern("alertname: " + alert + "\n\\s+exp_alerts: \\[\\]");
        }
    }

    @Test
    void amtoolAcceptsTheAlertmanagerConfig() {
        ObservabilityFiles.Result checked = ObservabilityFiles.run(List.of("amtool", "check-config",
                "deploy/alertmanager/alertmanager.yml"), 60);
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("SUCCESS");
    }

    @Test
    void everyDashboardPanelPassesTheLintRules() {
        List<Path> dashboards = ObservabilityFiles.dashboards();
        assertThat(dashboards).extracting(path -> path.getFileName().toString())
            .contains("overview.json", "answer-quality.json", "cost.json", "retrieval-ingestion.json", "services.json");
        for (Path dashboard : dashboards) {
            assertThat(ObservabilityFiles.lint(ObservabilityFiles.read(dashboard))).as(dashboard.toString()).isEmpty();
        }
    }

    @Test
    void theLintRejectsAPanelWithoutDescriptionARawRangeAnUnboundedLabelAndAFixedDatasource() {
        JsonNode bad = ObservabilityFiles.JSON.readTree("""
                {"title": "Bad", "templating": {"list": []}, "panels": [{"type": "timeseries", "title": "p",
                 "datasource": {"type": "prometheus", "uid": "prom-1"},
                 "targets": [{"expr": "sum by (conversation_id) (rate(rag_chat_turns_total[5m]))"}]}]}""");
        assertThat(ObservabilityFiles.lint(bad)).anySatisfy(p -> assertThat(p).contains("datasource variable"))
            .anySatisfy(p -> assertThat(p).contains("'tenant' variable"))
            .anySatisfy(p -> assertThat(p).contains("no description"))
            .anySatisfy(p -> assertThat(p).contains("datasource is not"))
            .anySatisfy(p -> assertThat(p).contains("without [$__rate_interval]"))
            .anySatisfy(p -> assertThat(p).contains("unbounded label 'conversation_id'"));
    }

    @Test
    void readsTheMetricNamesAndLabelsOfAQuery() {
        String expr = "sum by (le, stage) (rate(rag_retrieval_stage_seconds_bucket{tenant=~\"$tenant\"}[$__rate_interval]))"
                + " / on (stage) group_left sum(up{job=\"x\"})";
        assertThat(ObservabilityFiles.metrics(expr)).containsExactly("rag_retrieval_stage_seconds_bucket", "up");
        assertThat(ObservabilityFiles.labels(expr)).contains("tenant", "job", "le", "stage");
    }
}
