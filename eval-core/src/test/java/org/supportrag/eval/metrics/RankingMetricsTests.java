package org.supportrag.eval.metrics;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTests {

    // Graded judgements: d1 highly relevant, d2 relevant, d4 marginal, d3 judged not relevant; d5 unjudged.
    private static final Map<String, Integer> QRELS = Map.of("d1", 3, "d2", 2, "d3", 0, "d4", 1);

    private static final List<String> RANKING = List.of("d3", "d1", "d5", "d4", "d2");

    private static final double TOLERANCE = 1e-9;

    @Test
    void computesNdcgWithLinearGainAndTheIdealRankingFromTheJudgements() {
        // DCG@3 = 0/log2(2) + 3/log2(3) + 0/log2(4) = 3/1.5849625 = 1.8927893
        // IDCG@3 = 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.2618595 + 0.5 = 4.7618595
        // nDCG@3 = 1.8927893 / 4.7618595 = 0.3974895
        assertThat(RankingMetrics.ndcg(RANKING, QRELS, 3)).isCloseTo(0.3974895223, within(TOLERANCE));
        // DCG@5 = 1.8927893 + 1/log2(5) + 2/log2(6) = 1.8927893 + 0.4306766 + 0.7737056 = 3.0971714
        // IDCG@5 = IDCG@3 (only three relevant documents) -> nDCG@5 = 3.0971714 / 4.7618595 = 0.6504122
        assertThat(RankingMetrics.ndcg(RANKING, QRELS, 5)).isCloseTo(0.6504121822, within(TOLERANCE));
        assertThat(RankingMetrics.ndcg(List.of("d1", "d2", "d4"), QRELS, 10)).isCloseTo(1.0, within(TOLERANCE));
        assertThat(RankingMetrics.ndcg(List.of("d3", "d5"), QRELS, 10)).isZero();
    }

    @Test
    void computesRecallOverTheRelevantJudgementsOnly() {
        // Relevant (grade > 0): d1, d2, d4. Top 3 holds d1 -> 1/3; top 5 holds all three -> 1.
        assertThat(RankingMetrics.recall(RANKING, QRELS, 3)).isCloseTo(1.0 / 3, within(TOLERANCE));
        assertThat(RankingMetrics.recall(RANKING, QRELS, 4)).isCloseTo(2.0 / 3, within(TOLERANCE));
        assertThat(RankingMetrics.recall(RANKING, QRELS, 5)).isEqualTo(1.0);
        assertThat(RankingMetrics.recall(RANKING, Map.of("d3", 0), 5)).isZero();
    }

    @Test
    void computesTheReciprocalRankOfTheFirstRelevantDocumentWithinK() {
        // d3 (rank 1) is judged not relevant; d1 at rank 2 is the first relevant -> 1/2.
        assertThat(RankingMetrics.reciprocalRank(RANKING, QRELS, 10)).isEqualTo(0.5);
        assertThat(RankingMetrics.reciprocalRank(RANKING, QRELS, 1)).isZero();
        assertThat(RankingMetrics.reciprocalRank(List.of("d5", "d5", "d4"), QRELS, 2)).isEqualTo(0.5);
    }

    @Test
    void countsARepeatedDocumentOnceAtItsBestRank() {
        // Deduplicated: d1, d2 -> DCG = 3/1 + 2/log2(3) = IDCG@2 -> 1; without dedup d1 would count twice.
        assertThat(RankingMetrics.ndcg(List.of("d1", "d1", "d2"), QRELS, 2)).isCloseTo(1.0, within(TOLERANCE));
        assertThat(RankingMetrics.recall(List.of("d1", "d1", "d1", "d2"), QRELS, 2)).isCloseTo(2.0 / 3,
                within(TOLERANCE));
    }

    @Test
    void rejectsACutoffBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> RankingMetrics.ndcg(RANKING, QRELS, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> RankingMetrics.recall(RANKING, QRELS, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> RankingMetrics.reciprocalRank(RANKING, QRELS, 0));
    }

    @Test
    void averagesEveryJudgedQueryAndScoresAMissingRunAsZero() {
        Map<String, Map<String, Integer>> qrels = Map.of("q1", QRELS, "q2", Map.of("x", 1), "q3", Map.of());
        Map<String, List<String>> run = Map.of("q1", RANKING);

        RetrievalScores scores = RetrievalScores.of(qrels, run);

        // q1 (k = 10 covers the whole ranking): nDCG = 0.6504122, recall = 1, MRR = 0.5; q2 unanswered: 0, 0, 0;
        // q3 has no judgements and is not counted. Means over 2 queries.
        assertThat(scores.queries()).isEqualTo(2);
        assertThat(scores.ndcgAt10()).isCloseTo(0.6504121822 / 2, within(TOLERANCE));
        assertThat(scores.recallAt100()).isCloseTo(0.5, within(TOLERANCE));
        assertThat(scores.mrrAt10()).isCloseTo(0.25, within(TOLERANCE));
    }
}
