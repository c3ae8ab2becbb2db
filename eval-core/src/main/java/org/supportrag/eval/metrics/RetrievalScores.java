package org.supportrag.eval.metrics;

import java.util.List;
import java.util.Map;

/**
 * The metrics BEIR reports, averaged over queries.
 *
 * @param queries how many queries were averaged: every query with at least one judgement
 * @param ndcgAt10 mean nDCG@10
 * @param recallAt100 mean Recall@100
 * @param mrrAt10 mean MRR@10
 */
public record RetrievalScores(int queries, double ndcgAt10, double recallAt100, double mrrAt10) {

    /**
     * Averages over every query in {@code qrels}; a query missing from {@code run} scores 0 (stricter than
     * pytrec_eval, which skips it, so an unanswered query cannot raise the mean).
     *
     * @param qrels query id to judged document id to grade
     * @param run   query id to retrieved document ids, best first
     */
    public static RetrievalScores of(Map<String, Map<String, Integer>> qrels, Map<String, List<String>> run) {
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        int queries = 0;
        for (Map.Entry<String, Map<String, Integer>> judged : qrels.entrySet()) {
            if (judged.getValue().isEmpty()) {
                continue;
            }
            List<String> ranking = run.getOrDefault(judged.getKey(), List.of());
            ndcg += RankingMetrics.ndcg(ranking, judged.getValue(), 10);
            recall += RankingMetrics.recall(ranking, judged.getValue(), 100);
            mrr += RankingMetrics.reciprocalRank(ranking, judged.getValue(), 10);
            queries++;
        }
        return queries == 0 ? new RetrievalScores(0, 0, 0, 0)
                : new RetrievalScores(queries, ndcg / queries, recall / queries, mrr / queries);
    }
}
