package org.supportrag.eval.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import lombok.RequiredArgsConstructor;

import org.supportrag.eval.answers.CaseResult;

/**
 * Compares a candidate run with a baseline run of the same dataset. Per metric, over the cases both runs have a value
 * for: the mean effect, a paired bootstrap interval, a one-sided paired sign-flip p-value Holm-adjusted over the
 * metrics, and the floor. A metric regresses significantly when its effect is negative, at least
 * {@link GateOptions#minEffect()} in size, and its adjusted p-value is below alpha.
 */
@RequiredArgsConstructor
public final class RegressionGate {

    private final GateOptions options;

    /**
     * @throws IllegalArgumentException when the runs are not of the same cases (ids or types differ)
     */
    public GateVerdict compare(List<CaseResult> baseline, List<CaseResult> candidate) {
        Map<String, CaseResult> base = byId(baseline, "baseline");
        Map<String, CaseResult> cand = byId(candidate, "candidate");
        if (!base.keySet().equals(cand.keySet())) {
            TreeSet<String> onlyBase = new TreeSet<>(base.keySet());
            onlyBase.removeAll(cand.keySet());
            TreeSet<String> onlyCand = new TreeSet<>(cand.keySet());
            onlyCand.removeAll(base.keySet());
            throw new IllegalArgumentException("the runs are not of the same cases: " + onlyBase.size()
                    + " only in the baseline" + sample(onlyBase) + ", " + onlyCand.size() + " only in the candidate"
                    + sample(onlyCand));
        }
        for (Map.Entry<String, CaseResult> entry : base.entrySet()) {
            if (entry.getValue().type() != Objects.requireNonNull(cand.get(entry.getKey())).type()) {
                throw new IllegalArgumentException("case '" + entry.getKey() + "' is "
                        + entry.getValue().type().wireName() + " in the baseline but "
                        + Objects.requireNonNull(cand.get(entry.getKey())).type().wireName() + " in the candidate");
            }
        }
        List<Paired> paired = new ArrayList<>();
        for (GateMetric metric : GateMetric.values()) {
            List<String> ids = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            List<Double> c = new ArrayList<>();
            for (Map.Entry<String, CaseResult> entry : base.entrySet()) {
                Double bv = metric.value(entry.getValue());
                Double cv = metric.value(Objects.requireNonNull(cand.get(entry.getKey())));
                if (bv != null && cv != null) {
                    ids.add(entry.getKey());
                    b.add(bv);
                    c.add(cv);
                }
            }
            if (!ids.isEmpty()) {
                paired.add(new Paired(metric, ids, b, c));
            }
        }
        double[] p = new double[paired.size()];
        for (int i = 0; i < paired.size(); i++) {
            p[i] = PairedTests.signFlipPValue(paired.get(i).differences(), options.seed() + i, options.iterations());
        }
        double[] adjusted = holmOverGated(paired, p);
        List<MetricComparison> comparisons = new ArrayList<>();
        for (int i = 0; i < paired.size(); i++) {
            Paired pair = paired.get(i);
            double[] d = pair.differences();
            double baseMean = mean(pair.baseline());
            double candMean = mean(pair.candidate());
            double effect = candMean - baseMean;
            double[] ci = PairedTests.bootstrapInterval(d, options.seed() + 1000 + i, options.iterations(), 0.95);
            List<String> regressed = new ArrayList<>();
            List<String> improved = new ArrayList<>();
            for (int k = 0; k < d.length; k++) {
                if (d[k] <= -0.5) {
                    regressed.add(pair.ids().get(k));
                }
                else if (d[k] >= 0.5) {
                    improved.add(pair.ids().get(k));
                }
            }
            Double floor = options.floors().get(pair.metric());
            boolean belowFloor = floor != null && candMean < floor - 1e-12;
            boolean significant = effect < 0 && -effect >= options.minEffect() && adjusted[i] < options.alpha();
            comparisons.add(new MetricComparison(pair.metric(), d.length, baseMean, candMean, effect, ci[0], ci[1],
                    p[i], adjusted[i], floor, belowFloor, significant, regressed, improved,
                    options.advisory().contains(pair.metric())));
        }
        return new GateVerdict(comparisons, options);
    }

    /** Holm over the gated metrics only (an advisory metric cannot raise a false alarm); advisory ones alone. */
    private double[] holmOverGated(List<Paired> paired, double[] p) {
        double[] adjusted = new double[p.length];
        for (boolean advisory : new boolean[] { false, true }) {
            List<Integer> family = new ArrayList<>();
            for (int i = 0; i < paired.size(); i++) {
                if (options.advisory().contains(paired.get(i).metric()) == advisory) {
                    family.add(i);
                }
            }
            double[] holm = PairedTests.holm(family.stream().mapToDouble(i -> p[i]).toArray());
            for (int k = 0; k < family.size(); k++) {
                adjusted[family.get(k)] = holm[k];
            }
        }
        return adjusted;
    }

    private record Paired(GateMetric metric, List<String> ids, List<Double> baseline, List<Double> candidate) {

        double[] differences() {
            double[] d = new double[ids.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = candidate.get(i) - baseline.get(i);
            }
            return d;
        }
    }

    private static Map<String, CaseResult> byId(List<CaseResult> results, String which) {
        Map<String, CaseResult> byId = new LinkedHashMap<>();
        for (CaseResult result : results) {
            if (byId.put(result.id(), result) != null) {
                throw new IllegalArgumentException("the " + which + " has case '" + result.id() + "' twice");
            }
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("the " + which + " has no cases");
        }
        return byId;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static String sample(TreeSet<String> ids) {
        return ids.isEmpty() ? "" : " (" + String.join(", ", ids.stream().limit(5).toList())
                + (ids.size() > 5 ? ", ..." : "") + ")";
    }
}
