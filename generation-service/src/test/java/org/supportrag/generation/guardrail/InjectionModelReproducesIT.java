package org.supportrag.generation.guardrail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The trainer, run again, gives the shipped model: the same weights, thresholds and validation metrics. */
class InjectionModelReproducesIT {

    @Test
    void retrainingReproducesTheShippedWeightsAndValidationMetrics() throws IOException {
        assumeTrue(Files.isRegularFile(InjectionModelTrainer.sharedDatasets().resolve("prompt-injection/train.jsonl")),
                "ABSENT: ../shared/datasets/prompt-injection/train.jsonl is needed to retrain the injection model");

        InjectionModelTrainer.Result result = InjectionModelTrainer.train();

        String shipped;
        try (InputStream in = InjectionModel.class.getResourceAsStream("/guardrail/injection-model.json")) {
            assertThat(in).as("shipped metrics").isNotNull();
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(result.metricsJson()).isEqualTo(shipped);
        InjectionModel bundled = InjectionModel.bundled();
        assertThat(result.model().bias()).isEqualTo(bundled.bias());
        assertThat(result.model().weights()).containsExactly(bundled.weights());
        assertThat(result.model().chunkBias()).isEqualTo(bundled.chunkBias());
        assertThat(result.model().chunkWeights()).containsExactly(bundled.chunkWeights());
        // Floors against regressions on our held-out part (fourth round: 0.912 / 0.014 typed, 0.697 / 0.005 chunks
        // on a validation part with 23 more benign help-center chunks in de/es/fr/en than the third round's),
        // not the goals measured on the test parts: see docs/benchmarks.md.
        assertThat(result.typed().recall()).isGreaterThanOrEqualTo(0.88);
        assertThat(result.typed().fpr()).isLessThanOrEqualTo(0.02);
        assertThat(result.chunks().recall()).isGreaterThanOrEqualTo(0.67);
        assertThat(result.chunks().fpr()).isLessThanOrEqualTo(0.01);
    }
}
