package org.supportrag.eval.abtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SignificanceTestsTests {

    /** 30/100 vs 20/100: pooled 0.25, se sqrt(0.25*0.75*0.02) = 0.061237, z = 1.63299, p = 0.10247. */
    @Test
    void twoProportionZTestMatchesTheHandComputedExample() {
        SignificanceTests.Result result = SignificanceTests.twoProportions(30, 100, 20, 100);
        assertThat(result.statistic()).isCloseTo(1.63299, within(1e-5));
        assertThat(result.pValue()).isCloseTo(0.10247, within(1e-5));
    }

    @Test
    void identicalRatesWithoutVarianceShowNoDifference() {
        assertThat(SignificanceTests.twoProportions(0, 50, 0, 70).pValue()).isEqualTo(1.0);
        assertThat(SignificanceTests.twoProportions(300, 1000, 200, 1000).pValue()).isLessThan(0.001);
    }

    /**
     * {1..5} vs {2,4,...,10}: means 3 and 6, variances 2.5 and 10, se sqrt(2.5) so t = -1.89737, Welch df 5.882,
     * two-sided p 0.10753 (integrated numerically from the t density).
     */
    @Test
    void welchTestMatchesTheHandComputedExample() {
        SignificanceTests.Result result = SignificanceTests.welch(new double[] { 1, 2, 3, 4, 5 },
                new double[] { 2, 4, 6, 8, 10 });
        assertThat(result.statistic()).isCloseTo(-1.89737, within(1e-5));
        assertThat(result.pValue()).isCloseTo(0.10753, within(1e-4));
    }
}
