package org.supportrag.eval.abtest;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.TTest;

/** The tests A/B outcomes report: two-proportion z-test for rates, Welch's t-test for means. */
final class SignificanceTests {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private SignificanceTests() {
    }

    /** z and two-sided p. */
    public record Result(double statistic, double pValue) {
    }

    /**
     * Pooled two-proportion z-test: {@code z = (p1 - p2) / sqrt(p(1-p)(1/n1 + 1/n2))} with {@code p} the pooled
     * rate; p = 1 when both rates are 0 or 1 (no variance, no evidence of a difference).
     */
    public static Result twoProportions(long successes1, long n1, long successes2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return new Result(Double.NaN, Double.NaN);
        }
        double p1 = (double) successes1 / n1;
        double p2 = (double) successes2 / n2;
        double pooled = (double) (successes1 + successes2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return new Result(0, 1);
        }
        double z = (p1 - p2) / se;
        return new Result(z, 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(z))));
    }

    /** Welch's unequal-variance t-test; NaN with fewer than two values per side. */
    public static Result welch(double[] first, double[] second) {
        if (first.length < 2 || second.length < 2) {
            return new Result(Double.NaN, Double.NaN);
        }
        TTest test = new TTest();
        double t = test.t(first, second);
        if (Double.isNaN(t)) {
            return new Result(0, 1);
        }
        return new Result(t, test.tTest(first, second));
    }
}
