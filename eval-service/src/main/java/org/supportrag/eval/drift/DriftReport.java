package org.supportrag.eval.drift;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reference window vs current window for one tenant's knowledge base.
 *
 * @param enoughData false when either window has fewer turns than the configured minimum; signals are then empty
 * @param signals PSI (and KS for continuous signals) per signal
 * @param embedding query-embedding drift
 * @param gaps the current window's questions with no good source, clustered, largest first
 */
record DriftReport(String tenant, String knowledgeBase, Instant referenceFrom, Instant referenceTo,
        Instant currentFrom, Instant currentTo, int referenceTurns, int currentTurns, boolean enoughData,
        List<Signal> signals, @Nullable EmbeddingDrift embedding, List<KnowledgeGap> gaps,
        @Nullable Instant computedAt) {

    /**
     * @param reference the reference window's mean (for rates: the rate)
     * @param current the current window's mean or rate
     * @param ks the two-sample KS statistic (continuous signals only)
     * @param ksPValue its p-value
     * @param significant PSI above 0.2 (Evidently's threshold)
     */
    public record Signal(String signal, double psi, @Nullable Double reference, @Nullable Double current,
            @Nullable Double ks, @Nullable Double ksPValue, boolean significant) {
    }

    /**
     * @param centroidDistance cosine distance between the reference and current query centroids
     * @param farShare share of current queries less similar to every reference cluster than the far threshold
     * @param expectedFarShare the share expected without drift (the far quantile)
     * @param farThreshold the similarity below which a query counts as far
     */
    public record EmbeddingDrift(double centroidDistance, double farShare, double expectedFarShare,
            double farThreshold, int clusters) {
    }

    /**
     * @param size how many current questions fell in this gap
     * @param question the question closest to the gap's centre, as an example of it
     * @param examples up to five further questions of the gap
     * @param escalated how many of them were handed to a person
     */
    public record KnowledgeGap(int size, String question, List<String> examples, int escalated, int declined) {
    }
}
