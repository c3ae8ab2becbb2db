package org.supportrag.eval.drift;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DriftStatisticsTests {

    static final double[] ONE_TO_TEN = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

    /** Two bins split at the reference median 6: reference 50/50, current 80/20. */
    @Test
    void psiMatchesTheHandComputedTwoBinExample() {
        double[] current = { 1, 2, 3, 4, 5, 1, 2, 3, 7, 9 };
        double expected = 0.3 * Math.log(0.8 / 0.5) + (-0.3) * Math.log(0.2 / 0.5);

        assertThat(DriftStatistics.psi(ONE_TO_TEN, current, 2)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(0.41589, within(1e-5)).isGreaterThan(DriftStatistics.PSI_SIGNIFICANT);
    }

    @Test
    void psiOfTheSameDistributionIsZero() {
        assertThat(DriftStatistics.psi(ONE_TO_TEN, ONE_TO_TEN.clone(), 5)).isCloseTo(0, within(1e-12));
    }

    @Test
    void psiOfSharesUsesTheSameFormulaForRates() {
        // Escalation rate 10% -> 30%.
        double expected = 0.2 * Math.log(0.3 / 0.1) + (-0.2) * Math.log(0.7 / 0.9);
        assertThat(DriftStatistics.psiOfShares(new double[] { 0.1, 0.9 }, new double[] { 0.3, 0.7 }))
            .isCloseTo(expected, within(1e-12));
    }

    /** ECDFs of {1,2,3,4} and {3,4,5,6} are 0.5 apart at 2, 3 and 4 and never further. */
    @Test
    void ksStatisticIsTheLargestGapBetweenTheEmpiricalDistributions() {
        double[] reference = { 1, 2, 3, 4 };
        double[] current = { 3, 4, 5, 6 };
        assertThat(DriftStatistics.ksStatistic(reference, current)).isCloseTo(0.5, within(1e-12));
        assertThat(DriftStatistics.ksStatistic(reference, reference.clone())).isZero();
        assertThat(DriftStatistics.ksPValue(reference, current)).isGreaterThan(0.05);
    }

    /** Expected null PSI (k - 1)(1/n1 + 1/n2) <= 0.1: 30 + 30 samples afford 2 bins, 160 + 160 nine, 1000 + 1000 ten. */
    @Test
    void smallSamplesGetFewerBinsSoThatNoiseDoesNotLookLikeDrift() {
        assertThat(DriftStatistics.effectiveBins(30, 30, 10)).isEqualTo(2);
        assertThat(DriftStatistics.effectiveBins(160, 160, 10)).isEqualTo(9);
        assertThat(DriftStatistics.effectiveBins(1000, 1000, 10)).isEqualTo(10);
        assertThat(DriftStatistics.effectiveBins(5, 5000, 10)).isEqualTo(2);
    }
}
