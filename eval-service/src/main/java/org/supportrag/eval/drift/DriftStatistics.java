package org.supportrag.eval.drift;

import java.util.Arrays;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The distribution shift statistics drift reports: population stability index and the two-sample
 * Kolmogorov-Smirnov test.
 */
final class DriftStatistics {

    /** Evidently's threshold: PSI above it is a significant shift. */
    public static final double PSI_SIGNIFICANT = 0.2;
    /** Empty bins get this share so that the logarithm stays finite (Evidently does the same). */
    static final double EMPTY_BIN_SHARE = 0.0001;

    private DriftStatistics() {
    }

    /**
     * PSI = sum over bins of {@code (current% - reference%) * ln(current% / reference%)}, with {@code bins} bins at
     * the reference's quantiles (ties merged), the outer bins open-ended.
     */
    public static double psi(double[] reference, double[] current, int bins) {
        if (reference.length == 0 || current.length == 0) {
            return Double.NaN;
        }
        double[] edges = quantileEdges(reference, bins);
        double[] ref = shares(reference, edges);
        double[] cur = shares(current, edges);
        double psi = 0;
        for (int i = 0; i < ref.length; i++) {
            psi += (cur[i] - ref[i]) * Math.log(cur[i] / ref[i]);
        }
        return psi;
    }

    /** PSI over two share vectors of the same categories (e.g. escalated / not escalated). */
    public static double psiOfShares(double[] reference, double[] current) {
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double ref = Math.max(reference[i], EMPTY_BIN_SHARE);
            double cur = Math.max(current[i], EMPTY_BIN_SHARE);
            psi += (cur - ref) * Math.log(cur / ref);
        }
        return psi;
    }

    /** The PSI that sampling noise alone may add on average, at most (see {@link #effectiveBins}). */
    static final double NOISE_BUDGET = 0.1;

    /**
     * How many bins two samples can afford: without any shift, PSI over k bins is on average about
     * {@code (k - 1) (1/n1 + 1/n2)} (its chi-square approximation), so 10 bins on 30 + 30 samples would flag noise as
     * drift. The bins are capped so that this expected noise stays within {@link #NOISE_BUDGET}, at least 2.
     */
    public static int effectiveBins(int n1, int n2, int maxBins) {
        if (n1 <= 0 || n2 <= 0) {
            return 2;
        }
        int affordable = 1 + (int) Math.floor(NOISE_BUDGET / (1.0 / n1 + 1.0 / n2));
        return Math.max(2, Math.min(maxBins, affordable));
    }

    /** The largest distance between the two empirical distribution functions. */
    public static double ksStatistic(double[] reference, double[] current) {
        return new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(reference, current);
    }

    /** The two-sample KS test's p-value (exact for small samples, asymptotic for large ones). */
    public static double ksPValue(double[] reference, double[] current) {
        return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(reference, current);
    }

    /** Inner bin edges at the reference's quantiles 1/bins ... (bins-1)/bins, duplicates removed. */
    static double[] quantileEdges(double[] reference, int bins) {
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        return java.util.stream.IntStream.range(1, bins)
            .mapToDouble(i -> sorted[(int) Math.min(sorted.length - 1, Math.floor((double) i * sorted.length / bins))])
            .distinct()
            .toArray();
    }

    /** The share of values in each bin; a value equal to an edge falls in the bin above it. */
    static double[] shares(double[] values, double[] edges) {
        double[] counts = new double[edges.length + 1];
        for (double value : values) {
            int bin = 0;
            while (bin < edges.length && value >= edges[bin]) {
                bin++;
            }
            counts[bin]++;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(counts[i] / values.length, EMPTY_BIN_SHARE);
        }
        return counts;
    }
}
