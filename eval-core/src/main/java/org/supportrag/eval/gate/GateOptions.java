package org.supportrag.eval.gate;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * How the gate decides.
 *
 * @param seed       seeds the permutation test (beyond its exact range) and the bootstrap
 * @param iterations random sign patterns and bootstrap resamples
 * @param alpha      family-wise significance level over the gated metrics (Holm-adjusted)
 * @param minEffect  a significant drop smaller than this (in the metric's 0..1 units) is not a regression
 * @param floors     per metric: the candidate's mean must not be below it, significant or not
 * @param advisory   metrics compared and reported but never failing the gate (by default the judge's: a judge
 *                   gates only once calibrated), and left out of the Holm family
 */
public record GateOptions(long seed, int iterations, double alpha, double minEffect, Map<GateMetric, Double> floors,
        Set<GateMetric> advisory) {

    public GateOptions(long seed, int iterations, double alpha, double minEffect, Map<GateMetric, Double> floors) {
        this(seed, iterations, alpha, minEffect, floors, GateMetric.JUDGE);
    }

    public static final long DEFAULT_SEED = 20_260_101L;
    public static final int DEFAULT_ITERATIONS = 10_000;
    public static final double DEFAULT_ALPHA = 0.05;

    public GateOptions {
        if (iterations < 100) {
            throw new IllegalArgumentException("iterations must be at least 100");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1");
        }
        floors = floors.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(floors));
        advisory = Set.copyOf(advisory);
    }

    public static GateOptions defaults() {
        return new GateOptions(DEFAULT_SEED, DEFAULT_ITERATIONS, DEFAULT_ALPHA, 0, Map.of());
    }

    public GateOptions withFloors(Map<GateMetric, Double> floors) {
        return new GateOptions(seed, iterations, alpha, minEffect, floors, advisory);
    }

    public GateOptions withAdvisory(Set<GateMetric> advisory) {
        return new GateOptions(seed, iterations, alpha, minEffect, floors, advisory);
    }
}
