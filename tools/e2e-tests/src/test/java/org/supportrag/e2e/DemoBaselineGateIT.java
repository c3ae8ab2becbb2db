package org.supportrag.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo knowledge base's answer quality gate: both splits of the demo answer-level dataset
 * ({@code datasets/demo/answers-<split>.jsonl}) are asked through the freshly built platform with the offline
 * answerer ({@code ragctl eval answers}), and {@code ragctl eval compare} against the committed baseline
 * ({@code datasets/demo/baseline/offline-<split>.jsonl}) must find no significant regression. With
 * {@code -De2e.eval.recordBaseline=true} ({@code bin/eval-baseline}) the run becomes the new baseline instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServiceLogsOnFailure.class)
class DemoBaselineGateIT {

    static final boolean RECORD = Boolean.getBoolean("e2e.eval.recordBaseline");

    Platform platform;

    @BeforeAll
    void startPlatformAndIngestTheDemoKnowledgeBase() throws Exception {
        platform = SharedPlatform.platform();
        DemoKnowledgeBase.ingest(platform);
    }

    @ParameterizedTest(name = "{0} split")
    @ValueSource(strings = { "tuning", "test" })
    void theDemoAnswersShowNoSignificantRegressionAgainstTheCommittedBaseline(String split) throws Exception {
        Path repo = Platform.repoRoot();
        Path dataset = repo.resolve("datasets/demo/answers-" + split + ".jsonl");
        Path baseline = repo.resolve("datasets/demo/baseline/offline-" + split + ".jsonl");
        Path results = repo.resolve("tools/e2e-tests/target/eval/offline-" + split + ".jsonl");
        Files.createDirectories(results.getParent());

        Ragctl.Result run = Ragctl.run(platform, "eval", "answers", dataset.toString(), "--kb",
                DemoKnowledgeBase.NAME, "--save", results.toString(), "--json");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.lastLine()).contains("\"errors\":0");
        if (RECORD) {
            Files.createDirectories(baseline.getParent());
            Files.copy(results, baseline, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(baseline.resolveSibling("offline-" + split + ".summary.json"), run.lastLine() + "\n");
            return;
        }
        assertThat(baseline).as("committed baseline (create it with bin/eval-baseline)").isRegularFile();
        Ragctl.Result gate = Ragctl.run(platform, "eval", "compare", baseline.toString(), results.toString());
        assertThat(gate.exitCode())
            .as("eval compare exit code (3: significant regression; 1: the baseline does not fit the dataset, "
                    + "regenerate it with bin/eval-baseline)\n" + gate.out())
            .isZero();
    }
}
