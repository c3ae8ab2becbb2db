package org.supportrag.eval.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gate's decision: a regression when any metric regressed significantly or is below its floor. */
public record GateVerdict(List<MetricComparison> metrics, GateOptions options) {

    public GateVerdict {
        metrics = List.copyOf(metrics);
    }

    public boolean regression() {
        return metrics.stream().anyMatch(MetricComparison::fails);
    }

    public List<MetricComparison> failures() {
        return metrics.stream().filter(MetricComparison::fails).toList();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("regression", regression());
        map.put("failed_metrics", failures().stream().map(m -> m.metric().key()).toList());
        map.put("seed", options.seed());
        map.put("iterations", options.iterations());
        map.put("alpha", options.alpha());
        map.put("metrics", metrics.stream().map(MetricComparison::toMap).toList());
        return map;
    }
}
