package org.supportrag.retrieval.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
     * Weighted reciprocal rank fusion: {@code score(d) = sum over rankings of weight / (k + rank(d))}, rank from 1.
     */
    public static <T, K> List<Scored<T>> reciprocalRank(List<List<Scored<T>>> rankings, List<Double> weights,
            Function<T, K> key, int k, int limit) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, was " + k);
        }
        if (weights.size() != rankings.size()) {
            throw new IllegalArgumentException("one weight per ranking expected");
        }
        Map<K, Accumulator<T>> fused = new LinkedHashMap<>();
        for (int r = 0; r < rankings.size(); r++) {
            List<Scored<T>> ranking = rankings.get(r);
            double weight = weights.get(r);
            for (int i = 0; i < ranking.size(); i++) {
                T item = ranking.get(i).item();
                fused.computeIfAbsent(key.apply(item), ignored -> new Accumulator<>(item)).score += weight
                        / (k + i + 1);
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
        return weighted(first, second, key, key, alpha, 0, limit);
    }

    /**
     * {@link #weighted(List, List, Function, double, int)} aware of groups (the chunks of one document): in each
     * ranking an item scores at least {@code siblingWeight} times the best normalized score of its group there. Two
     * rankings that found different chunks of the same document then reinforce each other, as they would had the
     * document been one chunk; {@code siblingWeight} 0 is plain weighted fusion.
     */
    public static <T, K, G> List<Scored<T>> weighted(List<Scored<T>> first, List<Scored<T>> second, Function<T, K> key,
            Function<T, G> group, double alpha, double siblingWeight, int limit) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
        }
        if (!(siblingWeight >= 0 && siblingWeight <= 1)) {
            throw new IllegalArgumentException("siblingWeight must be between 0 and 1, was " + siblingWeight);
        }
        Map<K, Accumulator<T>> fused = new LinkedHashMap<>();
        for (List<Scored<T>> ranking : List.of(first, second)) {
            for (Scored<T> scored : ranking) {
                fused.computeIfAbsent(key.apply(scored.item()), ignored -> new Accumulator<>(scored.item()));
            }
        }
        add(fused, first, key, group, alpha, siblingWeight);
        add(fused, second, key, group, 1 - alpha, siblingWeight);
        return top(fused, limit);
    }

    private static <T, K, G> void add(Map<K, Accumulator<T>> fused, List<Scored<T>> ranking, Function<T, K> key,
            Function<T, G> group, double weight, double siblingWeight) {
        if (ranking.isEmpty()) {
            return;
        }
        double min = ranking.stream().mapToDouble(Scored::score).min().orElseThrow();
        double max = ranking.stream().mapToDouble(Scored::score).max().orElseThrow();
        double range = max - min;
        Map<K, Double> own = new HashMap<>();
        Map<G, Double> bestOfGroup = new HashMap<>();
        for (Scored<T> scored : ranking) {
            double normalized = range > 0 ? (scored.score() - min) / range : 1.0;
            own.merge(key.apply(scored.item()), normalized, Math::max);
            bestOfGroup.merge(group.apply(scored.item()), normalized, Math::max);
        }
        for (Map.Entry<K, Accumulator<T>> entry : fused.entrySet()) {
            double score = own.getOrDefault(entry.getKey(), 0.0);
            if (siblingWeight > 0) {
                Double sibling = bestOfGroup.get(group.apply(entry.getValue().item));
                if (sibling != null) {
                    score = Math.max(score, siblingWeight * sibling);
                }
            }
            entry.getValue().score += weight * score;
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
