package org.supportrag.eval.gate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired significance statistics on per-case differences {@code d_i = candidate_i - baseline_i}, seeded so the same
 * inputs always give the same answer.
 */
public final class PairedTests {

    /** Up to this many non-zero differences the sign-flip test enumerates all 2^m sign patterns exactly. */
    static final int EXACT_LIMIT = 20;

    private PairedTests() {
    }

    /**
     * One-sided paired sign-flip permutation test for a regression: under the null hypothesis each difference is as
     * likely negative as positive, so the p-value is the share of sign patterns whose sum is at most the observed sum.
     * Zero differences do not change under a flip and are left out. Exact for at most {@value #EXACT_LIMIT} non-zero
     * differences, else {@code (1 + hits) / (1 + iterations)} over random sign patterns from {@code seed}. 1 when every
     * difference is zero.
     */
    public static double signFlipPValue(double[] differences, long seed, int iterations) {
        double[] nonZero = Arrays.stream(differences).filter(d -> d != 0).toArray();
        int m = nonZero.length;
        if (m == 0) {
            return 1;
        }
        double observed = Arrays.stream(nonZero).sum();
        double tolerance = 1e-9 * Math.max(1, Arrays.stream(nonZero).map(Math::abs).sum());
        if (m <= EXACT_LIMIT) {
            long patterns = 1L << m;
            long hits = 0;
            for (long signs = 0; signs < patterns; signs++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += ((signs >>> i) & 1) == 0 ? Math.abs(nonZero[i]) : -Math.abs(nonZero[i]);
                }
                if (sum <= observed + tolerance) {
                    hits++;
                }
            }
            return (double) hits / patterns;
        }
        SplittableRandom random = new SplittableRandom(seed);
        long hits = 0;
        for (int it = 0; it < iterations; it++) {
            double sum = 0;
            for (double d : nonZero) {
                sum += random.nextBoolean() ? Math.abs(d) : -Math.abs(d);
            }
            if (sum <= observed + tolerance) {
                hits++;
            }
        }
        return (1.0 + hits) / (1.0 + iterations);
    }

    /**
     * Paired bootstrap percentile interval of the mean difference: resample the cases with replacement
     * {@code iterations} times from {@code seed}, take the {@code (1-level)/2} and {@code (1+level)/2} quantiles of
     * the resampled means. {@code [0, 0]} for no differences.
     */
    public static double[] bootstrapInterval(double[] differences, long seed, int iterations, double level) {
        int n = differences.length;
        if (n == 0) {
            return new double[] { 0, 0 };
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[iterations];
        for (int it = 0; it < iterations; it++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += differences[random.nextInt(n)];
            }
            means[it] = sum / n;
        }
        Arrays.sort(means);
        return new double[] { quantile(means, (1 - level) / 2), quantile(means, (1 + level) / 2) };
    }

    /** Nearest-rank quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    /**
     * Holm-Bonferroni adjusted p-values (step-down, kept monotone, capped at 1), in the input order: a family of tests
     * then keeps the chance of any false alarm at most alpha.
     */
    public static double[] holm(double[] pValues) {
        int k = pValues.length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(pValues[a], pValues[b]));
        double[] adjusted = new double[k];
        double running = 0;
        for (int rank = 0; rank < k; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (k - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
