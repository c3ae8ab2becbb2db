package org.supportrag.eval.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Per-query ranking metrics. {@code ranking} is the retrieved document ids, best first; {@code qrels} maps judged
 * document ids to graded relevance, where only a grade above 0 counts as relevant. A document repeated in the
 * ranking counts once, at its best rank (pytrec_eval takes a run as a map, so it never sees repeats).
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * nDCG@k with linear gain (trec_eval {@code ndcg_cut}): DCG = sum over ranks i = 1..k of rel_i / log2(i + 1),
     * divided by the DCG of the ideal ranking of all judged documents. 0 when no judged document is relevant.
     */
    public static double ndcg(List<String> ranking, Map<String, Integer> qrels, int k) {
        requirePositive(k);
        List<String> top = top(ranking, k);
        double dcg = 0;
        for (int i = 0; i < top.size(); i++) {
            dcg += gain(qrels.get(top.get(i))) / log2(i + 2);
        }
        List<Integer> ideal = new ArrayList<>(qrels.values());
        ideal.sort(Comparator.reverseOrder());
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += gain(ideal.get(i)) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Recall@k: relevant documents in the top k over all relevant documents; 0 when none is relevant. */
    public static double recall(List<String> ranking, Map<String, Integer> qrels, int k) {
        requirePositive(k);
        long relevant = qrels.values().stream().filter(RankingMetrics::isRelevant).count();
        if (relevant == 0) {
            return 0;
        }
        long found = top(ranking, k).stream().filter(id -> isRelevant(qrels.get(id))).count();
        return (double) found / relevant;
    }

    /** Reciprocal rank of the first relevant document within the top k (BEIR's MRR@k); 0 when there is none. */
    public static double reciprocalRank(List<String> ranking, Map<String, Integer> qrels, int k) {
        requirePositive(k);
        List<String> top = top(ranking, k);
        for (int i = 0; i < top.size(); i++) {
            if (isRelevant(qrels.get(top.get(i)))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static List<String> top(List<String> ranking, int k) {
        return new LinkedHashSet<>(ranking).stream().limit(k).toList();
    }

    private static boolean isRelevant(@Nullable Integer grade) {
        return grade != null && grade > 0;
    }

    private static double gain(@Nullable Integer grade) {
        return grade != null && grade > 0 ? grade : 0;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    private static void requirePositive(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
    }
}
