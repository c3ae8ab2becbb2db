package org.supportrag.retrieval.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fuses rankings of items identified by a key. Each input ranking is best first; an item may appear in any subset
 * of them. Ties in the fused score keep the order of first appearance (earlier ranking, better rank), so results
 * are deterministic.
 */
public final class RankFusion {

    private RankFusion() {
    }

    /**
     * Reciprocal rank fusion (Cormack et al., 2009): {@code score(d) = sum over rankings of 1 / (k + rank(d))}, rank
     * from 1. Uses only ranks, so rankings with incomparable scores (cosine, ts_rank) need no calibration.
     */
    public static <T, K> List<Scored<T>> reciprocalRank(List<List<Scored<T>>> rankings, Function<T, K> key, int k,
            int limit) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, was " + k);
        }
        Map<K, Accumulator<T>> fused = new LinkedHashMap<>();
        for (List<Scored<T>> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                T item = ranking.get(i).item();
                fused.computeIfAbsent(key.apply(item), ignored -> new Accumulator<>(item)).score += 1.0 / (k + i + 1);
            }
        }
        return top(fused, limit);
    }

    /**
     * Weighted sum of min-max normalized scores: {@code alpha * norm(first) + (1 - alpha) * norm(second)}, where an
     * item missing from a ranking scores 0 there. A ranking whose scores are all equal normalizes to 1 for each of its
     * items (present beats absent).
     */
    public static <T, K> List<Scored<T>> weighted(List<Scored<T>> first, List<Scored<T>> second, Function<T, K> key,
            double alpha, int limit) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
        }
        Map<K, Accumulator<T>> fused = new LinkedHashMap<>();
        add(fused, first, key, alpha);
        add(fused, second, key, 1 - alpha);
        return top(fused, limit);
    }

    private static <T, K> void add(Map<K, Accumulator<T>> fused, List<Scored<T>> ranking, Function<T, K> key,
            double weight) {
        if (ranking.isEmpty()) {
            return;
        }
        double min = ranking.stream().mapToDouble(Scored::score).min().orElseThrow();
        double max = ranking.stream().mapToDouble(Scored::score).max().orElseThrow();
        double range = max - min;
        for (Scored<T> scored : ranking) {
            double normalized = range > 0 ? (scored.score() - min) / range : 1.0;
            fused.computeIfAbsent(key.apply(scored.item()), ignored -> new Accumulator<>(scored.item())).score +=
                    weight * normalized;
        }
    }

    private static <T, K> List<Scored<T>> top(Map<K, Accumulator<T>> fused, int limit) {
        List<Accumulator<T>> all = new ArrayList<>(fused.values());
        // List.sort is stable: equal scores keep insertion (first appearance) order.
        all.sort(Comparator.comparingDouble((Accumulator<T> accumulator) -> accumulator.score).reversed());
        return all.stream().limit(Math.max(limit, 0)).map(a -> new Scored<>(a.item, a.score)).toList();
    }

    private static final class Accumulator<T> {

        private final T item;
        private double score;

        Accumulator(T item) {
            this.item = item;
        }
    }
}
