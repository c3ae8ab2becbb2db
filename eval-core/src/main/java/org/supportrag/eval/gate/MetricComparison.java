package org.supportrag.eval.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One metric of a comparison, over the cases both runs have a value for.
 *
 * @param pairs          cases compared
 * @param effect         candidate mean - baseline mean (negative: worse)
 * @param ciLow          lower end of the 95% paired bootstrap interval of the effect
 * @param pValue         one-sided sign-flip p-value for "the candidate is worse"
 * @param adjustedP      Holm-adjusted over the gated metrics
 * @param floor          the candidate's mean must be at least this, when set
 * @param regressed      ids of cases that went from good to bad (value dropped by at least 0.5)
 * @param improved       ids of cases that went from bad to good
 * @param advisory       reported only: never fails the gate (an uncalibrated judge's metric)
 */
public record MetricComparison(GateMetric metric, int pairs, double baselineMean, double candidateMean, double effect,
        double ciLow, double ciHigh, double pValue, double adjustedP, @Nullable Double floor, boolean belowFloor,
        boolean significantRegression, List<String> regressed, List<String> improved, boolean advisory) {

    public MetricComparison {
        regressed = List.copyOf(regressed);
        improved = List.copyOf(improved);
    }

    public boolean fails() {
        return !advisory && (significantRegression || belowFloor);
    }

    /** One line naming the metric, the effect, the p-value and the flipped cases. */
    public String describe() {
        StringBuilder line = new StringBuilder();
        line.append(metric.key()).append(": ")
            .append(String.format(java.util.Locale.ROOT, "%.3f -> %.3f, effect %+.3f (95%% CI %+.3f..%+.3f), "
                    + "p=%.4f, Holm p=%.4f, n=%d", baselineMean, candidateMean, effect, ciLow, ciHigh, pValue,
                    adjustedP, pairs));
        if (floor != null) {
            line.append(String.format(java.util.Locale.ROOT, ", floor %.3f%s", floor, belowFloor ? " NOT MET" : ""));
        }
        if (advisory) {
            line.append(" (advisory)");
        }
        if (!regressed.isEmpty()) {
            line.append(", worse: ").append(String.join(" ", regressed));
        }
        if (!improved.isEmpty()) {
            line.append(", better: ").append(String.join(" ", improved));
        }
        return line.toString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("metric", metric.key());
        map.put("pairs", pairs);
        map.put("baseline", round(baselineMean));
        map.put("candidate", round(candidateMean));
        map.put("effect", round(effect));
        map.put("ci_low", round(ciLow));
        map.put("ci_high", round(ciHigh));
        map.put("p_value", pValue);
        map.put("adjusted_p", adjustedP);
        map.put("floor", floor);
        map.put("below_floor", belowFloor);
        map.put("significant_regression", significantRegression);
        map.put("regressed", regressed);
        map.put("improved", improved);
        map.put("advisory", advisory);
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000) / 1_000_000.0;
    }
}
