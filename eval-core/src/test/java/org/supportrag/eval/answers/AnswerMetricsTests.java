package org.supportrag.eval.answers;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnswerMetricsTests {

    @Test
    void computesRatesCountsAndEscalationPrecisionAndRecallOverUnanswerableCases() {
        List<CaseResult> results = List.of(
                result("a1", CaseType.ANSWERABLE, true, true, false, 0.9, 100),
                result("a2", CaseType.ANSWERABLE, false, false, true, 0.8, 200), // wrongly escalated
                result("m1", CaseType.MULTITURN, false, true, false, 0.4, 300),
                result("u1", CaseType.UNANSWERABLE, null, null, true, 0.7, 400), // handed over
                result("u2", CaseType.UNANSWERABLE, null, null, false, 0.6, 500), // answered anyway
                result("n1", CaseType.NO_HANDOVER, null, null, true, 0.9, 600)); // false handover

        AnswerMetrics metrics = AnswerMetrics.of("demo", results);

        assertThat(metrics.cases()).isEqualTo(6);
        assertThat(metrics.answerCorrect()).isEqualTo(1.0 / 3);
        assertThat(metrics.citationCorrect()).isEqualTo(2.0 / 3);
        assertThat(metrics.unanswerableEscalated()).isEqualTo(0.5);
        assertThat(metrics.falseHandovers()).isEqualTo(1);
        assertThat(metrics.wronglyEscalated()).isEqualTo(1);
        // Handed over: a2, u1, n1; of those unanswerable: u1.
        assertThat(metrics.escalationPrecision()).isEqualTo(1.0 / 3);
        assertThat(metrics.escalationRecall()).isEqualTo(0.5);
        assertThat(metrics.p50Ms()).isEqualTo(300);
        assertThat(metrics.p95Ms()).isEqualTo(600);
        assertThat(metrics.costUsd()).isCloseTo(0.006, within(1e-12));
        // At threshold 0.65 u2 (0.6) and m1 (0.4) are handed over too: precision 2/5, recall 2/2.
        AnswerMetrics.ThresholdPoint point = metrics.curve().stream()
            .filter(p -> p.threshold() == 0.65)
            .findFirst()
            .orElseThrow();
        assertThat(point.precision()).isEqualTo(2.0 / 5);
        assertThat(point.recall()).isEqualTo(1.0);
        assertThat(point.handoverRate()).isEqualTo(5.0 / 6);
        assertThat(metrics.toMap()).containsKeys("dataset", "cases", "answer_correct", "citation_correct",
                "unanswerable_escalated", "false_handovers", "wrongly_escalated", "dangling_citations", "p50_ms",
                "p95_ms", "cost_usd");
    }

    @Test
    void aMetricWithoutCasesOfItsTypeIsNull() {
        AnswerMetrics metrics = AnswerMetrics.of("x",
                List.of(result("u1", CaseType.UNANSWERABLE, null, null, true, 0.2, 10)));

        assertThat(metrics.answerCorrect()).isNull();
        assertThat(metrics.unanswerableEscalated()).isEqualTo(1.0);
    }

    static CaseResult result(String id, CaseType type, Boolean correct, Boolean cited, boolean escalated,
            double confidence, double latency) {
        return new CaseResult(id, type, correct, cited, escalated, confidence, false,
                type == CaseType.UNANSWERABLE ? escalated : null, type == CaseType.NO_HANDOVER ? escalated : null,
                type.expectsAnswer() ? escalated : null, 0, null, latency, 10, 5, 0.001, List.of(), "m", null,
                List.of(), "", List.of());
    }
}
