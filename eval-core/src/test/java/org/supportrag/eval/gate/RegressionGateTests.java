package org.supportrag.eval.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.supportrag.eval.answers.CaseResult;
import org.supportrag.eval.answers.CaseType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RegressionGateTests {

    private final RegressionGate gate = new RegressionGate(GateOptions.defaults());

    @Test
    void aRunComparedWithItselfPasses() {
        List<CaseResult> run = run(20, 0);

        GateVerdict verdict = gate.compare(run, run);

        assertThat(verdict.regression()).isFalse();
        assertThat(verdict.metrics()).allSatisfy(metric -> {
            assertThat(metric.effect()).isZero();
            assertThat(metric.pValue()).isEqualTo(1.0);
        });
    }

    @Test
    void aCandidateThatLosesTenCorrectAnswersFailsNamingTheMetricTheEffectAndTheFlippedCases() {
        GateVerdict verdict = gate.compare(run(20, 0), run(20, 10));

        assertThat(verdict.regression()).isTrue();
        MetricComparison answer = verdict.failures().getFirst();
        assertThat(answer.metric()).isEqualTo(GateMetric.ANSWER_CORRECT);
        assertThat(answer.effect()).isEqualTo(-0.5);
        // Ten flips all one way: exact p = 1/1024; Holm over the 5 metrics with pairs (answer, citation,
        // unanswerable, wrongly escalated, dangling): 5/1024.
        assertThat(answer.pValue()).isEqualTo(1.0 / 1024);
        assertThat(answer.adjustedP()).isEqualTo(5.0 / 1024);
        assertThat(answer.regressed()).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
        assertThat(answer.describe()).contains("answer_correct", "effect -0.500", "p=0.0010", "worse: a0 a1");
    }

    @Test
    void twoFlipsAreNoiseNotARegression() {
        GateVerdict verdict = gate.compare(run(20, 0), run(20, 2));

        assertThat(verdict.regression()).isFalse();
        assertThat(verdict.metrics().getFirst().regressed()).containsExactly("a0", "a1");
    }

    @Test
    void aCandidateBelowAFloorFailsEvenWithoutASignificantDrop() {
        RegressionGate withFloor = new RegressionGate(
                GateOptions.defaults().withFloors(Map.of(GateMetric.ANSWER_CORRECT, 0.95)));

        GateVerdict verdict = withFloor.compare(run(20, 2), run(20, 2));

        assertThat(verdict.regression()).isTrue();
        assertThat(verdict.failures()).extracting(MetricComparison::metric).containsExactly(GateMetric.ANSWER_CORRECT);
        assertThat(verdict.failures().getFirst().belowFloor()).isTrue();
    }

    @Test
    void runsOfDifferentCasesCannotBeCompared() {
        assertThatIllegalArgumentException().isThrownBy(() -> gate.compare(run(20, 0), run(19, 0)))
            .withMessageContaining("1 only in the baseline (a19)");
    }

    /** {@code answerable} answerable cases, the first {@code wrong} of them answered wrongly, and one unanswerable. */
    @Test
    void theJudgesDropIsReportedButAdvisoryUnlessTheJudgeMayGate() {
        List<CaseResult> baseline = run(20, 0).stream().map(r -> r.withJudge(true, 1.0)).toList();
        List<CaseResult> candidate = run(20, 0).stream()
            .map(r -> r.withJudge(!r.id().matches("a[0-9]"), 1.0))
            .toList();

        GateVerdict advisory = gate.compare(baseline, candidate);
        GateVerdict gating = new RegressionGate(GateOptions.defaults().withAdvisory(java.util.Set.of()))
            .compare(baseline, candidate);

        MetricComparison judged = advisory.metrics().stream()
            .filter(m -> m.metric() == GateMetric.JUDGE_CORRECT)
            .findFirst()
            .orElseThrow();
        assertThat(judged.advisory()).isTrue();
        assertThat(judged.significantRegression()).isTrue();
        assertThat(judged.regressed()).hasSize(10);
        assertThat(advisory.regression()).isFalse();
        assertThat(gating.regression()).isTrue();
        assertThat(gating.failures()).extracting(m -> m.metric().key()).containsExactly("judge_correct");
    }

    private static List<CaseResult> run(int answerable, int wrong) {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < answerable; i++) {
            results.add(new CaseResult("a" + i, CaseType.ANSWERABLE, i >= wrong, true, false, 0.9, false, null, null,
                    false, 0, null, 100, 1, 1, 0, List.of(), null, null, List.of(), "", List.of()));
        }
        results.add(new CaseResult("u", CaseType.UNANSWERABLE, null, null, true, 0.9, false, true, null, null, 0,
                null, 100, 1, 1, 0, List.of(), null, null, List.of(), "", List.of()));
        return results;
    }
}
