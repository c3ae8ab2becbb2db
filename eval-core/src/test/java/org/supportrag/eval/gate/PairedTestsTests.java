package org.supportrag.eval.gate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairedTestsTests {

    @Test
    void theExactSignFlipPValueIsTheShareOfSignPatternsAtMostAsGoodAsTheObservedOne() {
        // Three cases all worse by 1: only the all-negative pattern of 2^3 reaches the observed sum -3.
        assertThat(PairedTests.signFlipPValue(new double[] { -1, -1, -1 }, 1, 1000)).isEqualTo(1.0 / 8);
        // Five worse, one better, zeros ignored: sum -4; patterns with 5 or 6 minus signs: C(6,5) + C(6,6) = 7 of 64.
        assertThat(PairedTests.signFlipPValue(new double[] { -1, -1, 0, -1, -1, -1, 0, 1 }, 1, 1000))
            .isEqualTo(7.0 / 64);
        // Unequal magnitudes {-0.5, -0.25, +0.25}: sums <= -0.5 are (-,-,-) -1, (-,-,+) -0.5, (-,+,-) -0.5: 3 of 8.
        assertThat(PairedTests.signFlipPValue(new double[] { -0.5, -0.25, 0.25 }, 1, 1000)).isEqualTo(3.0 / 8);
    }

    @Test
    void noDifferenceOrAnImprovementIsNeverSignificant() {
        assertThat(PairedTests.signFlipPValue(new double[] { 0, 0, 0 }, 1, 1000)).isEqualTo(1.0);
        assertThat(PairedTests.signFlipPValue(new double[] {}, 1, 1000)).isEqualTo(1.0);
        assertThat(PairedTests.signFlipPValue(new double[] { 1, 1, 1 }, 1, 1000)).isEqualTo(1.0);
    }

    @Test
    void beyondTheExactRangeTheSeededMonteCarloPValueIsReproducible() {
        double[] differences = new double[30];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = i % 3 == 0 ? 1 : -1; // 10 better, 20 worse
        }

        double first = PairedTests.signFlipPValue(differences, 42, 10_000);
        double again = PairedTests.signFlipPValue(differences, 42, 10_000);

        assertThat(first).isEqualTo(again);
        // Exact one-sided binomial P(X >= 20 | n=30, 1/2) = 0.0494; Monte Carlo error with 10,000 draws ~0.002.
        assertThat(first).isCloseTo(0.0494, within(0.008));
        // Thirty all worse: no random pattern reaches it, so (1 + 0) / (1 + 10,000).
        double[] allWorse = new double[30];
        java.util.Arrays.fill(allWorse, -1);
        assertThat(PairedTests.signFlipPValue(allWorse, 42, 10_000)).isEqualTo(1.0 / 10_001);
    }

    @Test
    void theSeededBootstrapIntervalBracketsTheMeanDifference() {
        double[] constant = { -0.5, -0.5, -0.5, -0.5 };
        assertThat(PairedTests.bootstrapInterval(constant, 7, 1000, 0.95)).containsExactly(-0.5, -0.5);

        double[] mixed = { -1, -1, -1, 0, 0, 0, 0, 0, 0, 1 }; // mean -0.2
        double[] interval = PairedTests.bootstrapInterval(mixed, 7, 5000, 0.95);
        assertThat(interval).isEqualTo(PairedTests.bootstrapInterval(mixed, 7, 5000, 0.95));
        assertThat(interval[0]).isLessThan(-0.2);
        assertThat(interval[1]).isGreaterThan(-0.2);
        assertThat(interval[0]).isGreaterThanOrEqualTo(-1);
        assertThat(interval[1]).isLessThanOrEqualTo(1);
    }

    @Test
    void holmMultipliesTheKthSmallestPValueByTheRemainingCountAndKeepsThemMonotone() {
        // Sorted: 0.01*3 = 0.03; 0.03*2 = 0.06; 0.04*1 = 0.04 -> raised to 0.06 to stay monotone.
        assertThat(PairedTests.holm(new double[] { 0.01, 0.04, 0.03 })).containsExactly(0.03, 0.06, 0.06);
        assertThat(PairedTests.holm(new double[] { 0.5, 0.9 })).containsExactly(1.0, 1.0);
    }
}
