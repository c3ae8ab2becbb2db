package org.supportrag.eval.metrics;

import java.util.List;

/** Nearest-rank percentiles. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The smallest value with at least {@code percent}% of the values at or below it; 0 for no values. */
    public static double of(List<Double> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
