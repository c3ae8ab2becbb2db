package org.supportrag.eval.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.Vectors;
import org.supportrag.eval.drift.DriftReport.EmbeddingDrift;
import org.supportrag.eval.drift.DriftReport.KnowledgeGap;
import org.supportrag.eval.drift.DriftReport.Signal;
import org.supportrag.eval.generation.LoggedTurn;

/** Computes a {@link DriftReport} from the two windows' turns; no I/O besides the embedding model. */
@Component
@RequiredArgsConstructor
class DriftCalculator {

    private final TextEmbedder embedder;
    private final DriftProperties properties;

    record Window(Instant from, Instant to, List<LoggedTurn> turns) {
    }

    DriftReport compute(String tenant, String knowledgeBase, Window reference, Window current,
            Set<UUID> thumbsDown) {
        List<LoggedTurn> ref = reference.turns();
        List<LoggedTurn> cur = current.turns();
        if (ref.size() < properties.minSamples() || cur.size() < properties.minSamples()) {
            return new DriftReport(tenant, knowledgeBase, reference.from(), reference.to(), current.from(),
                    current.to(), ref.size(), cur.size(), false, List.of(), null, List.of(), null);
        }
        List<double[]> refVectors = embed(ref);
        List<double[]> curVectors = embed(cur);
        List<Signal> signals = new ArrayList<>();
        EmbeddingDrift embedding = embeddingDrift(refVectors, curVectors, signals);
        continuous(signals, DriftSignal.TOP_SCORE, ref, cur,
                turn -> turn.topScore() == null ? Double.NaN : turn.topScore());
        continuous(signals, DriftSignal.CONFIDENCE, ref, cur,
                turn -> turn.confidence() == null ? Double.NaN : turn.confidence());
        rate(signals, DriftSignal.ESCALATION_RATE, ref, cur, LoggedTurn::escalated);
        rate(signals, DriftSignal.THUMBS_DOWN_RATE, ref, cur, turn -> thumbsDown.contains(turn.messageId()));
        rate(signals, DriftSignal.DECLINED_RATE, ref, cur, LoggedTurn::declined);
        List<KnowledgeGap> gaps = gaps(cur, curVectors);
        return new DriftReport(tenant, knowledgeBase, reference.from(), reference.to(), current.from(), current.to(),
                ref.size(), cur.size(), true, signals, embedding, gaps, null);
    }

    private List<double[]> embed(List<LoggedTurn> turns) {
        return embedder.embedDocuments(turns.stream().map(LoggedTurn::question).toList())
            .stream()
            .map(Embeddings::toDoubles)
            .toList();
    }

    /**
     * Centroid cosine distance; clusters of the reference (k-means); the far threshold from the reference's own
     * similarities to their nearest centre; PSI over the share of queries nearest to each cluster (topic mix).
     */
    private EmbeddingDrift embeddingDrift(List<double[]> ref, List<double[]> cur, List<Signal> signals) {
        double distance = 1 - Vectors.cosine(Embeddings.centroid(ref), Embeddings.centroid(cur));
        // The clusters are the topic mix's bins: as many as the samples can afford (see effectiveBins).
        List<double[]> centers = Embeddings.kMeans(ref,
                DriftStatistics.effectiveBins(ref.size(), cur.size(), properties.clusters()));
        double[] refSimilarities = new double[ref.size()];
        double[] refShares = new double[centers.size()];
        for (int i = 0; i < ref.size(); i++) {
            Embeddings.Nearest nearest = Embeddings.nearest(ref.get(i), centers);
            refSimilarities[i] = nearest.similarity();
            refShares[nearest.index()] += 1.0 / ref.size();
        }
        double threshold = Embeddings.quantile(refSimilarities, properties.farQuantile());
        double[] curShares = new double[centers.size()];
        int far = 0;
        for (double[] vector : cur) {
            Embeddings.Nearest nearest = Embeddings.nearest(vector, centers);
            curShares[nearest.index()] += 1.0 / cur.size();
            if (nearest.similarity() < threshold) {
                far++;
            }
        }
        double psi = DriftStatistics.psiOfShares(refShares, curShares);
        signals.add(new Signal(DriftSignal.QUERY_TOPICS.wireName(), psi, null, null, null, null,
                psi > DriftStatistics.PSI_SIGNIFICANT));
        return new EmbeddingDrift(distance, (double) far / cur.size(), properties.farQuantile(), threshold,
                centers.size());
    }

    private void continuous(List<Signal> signals, DriftSignal name, List<LoggedTurn> ref, List<LoggedTurn> cur,
            ToDoubleFunction<LoggedTurn> value) {
        double[] a = ref.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
        double[] b = cur.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray();
        if (a.length < 2 || b.length < 2) {
            return;
        }
        double psi = DriftStatistics.psi(a, b, DriftStatistics.effectiveBins(a.length, b.length, properties.bins()));
        signals.add(new Signal(name.wireName(), psi, mean(a), mean(b), DriftStatistics.ksStatistic(a, b),
                DriftStatistics.ksPValue(a, b), psi > DriftStatistics.PSI_SIGNIFICANT));
    }

    private static void rate(List<Signal> signals, DriftSignal name, List<LoggedTurn> ref, List<LoggedTurn> cur,
            Predicate<LoggedTurn> event) {
        double a = ref.stream().filter(event).count() / (double) ref.size();
        double b = cur.stream().filter(event).count() / (double) cur.size();
        double psi = DriftStatistics.psiOfShares(new double[] { a, 1 - a }, new double[] { b, 1 - b });
        signals.add(new Signal(name.wireName(), psi, a, b, null, null, psi > DriftStatistics.PSI_SIGNIFICANT));
    }

    /** Turns without a good source, clustered greedily by similarity to each cluster's running centroid. */
    private List<KnowledgeGap> gaps(List<LoggedTurn> turns, List<double[]> vectors) {
        List<GapCluster> clusters = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            LoggedTurn turn = turns.get(i);
            boolean noGoodSource = turn.declined()
                    || (turn.escalated() && turn.escalationReasons() != null
                            && turn.escalationReasons().contains("low_confidence"))
                    || turn.topScore() == null || turn.topScore() < properties.gapMaxTopScore();
            if (!noGoodSource) {
                continue;
            }
            double[] vector = vectors.get(i);
            GapCluster home = clusters.stream()
                .filter(cluster -> Vectors.cosine(cluster.centroid(), vector) >= properties.gapSimilarity())
                .max(Comparator.comparingDouble(cluster -> Vectors.cosine(cluster.centroid(), vector)))
                .orElse(null);
            if (home == null) {
                home = new GapCluster();
                clusters.add(home);
            }
            home.add(turn, vector);
        }
        return clusters.stream()
            .sorted(Comparator.comparingInt((GapCluster cluster) -> cluster.turns.size()).reversed())
            .limit(properties.maxGaps())
            .map(GapCluster::gap)
            .toList();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static final class GapCluster {

        final List<LoggedTurn> turns = new ArrayList<>();
        final List<double[]> vectors = new ArrayList<>();
        private double @org.jspecify.annotations.Nullable [] sum;

        /** The running sum: cosine with the sum equals cosine with the mean, without recomputing it per question. */
        double[] centroid() {
            return java.util.Objects.requireNonNull(sum);
        }

        void add(LoggedTurn turn, double[] vector) {
            turns.add(turn);
            vectors.add(vector);
            if (sum == null) {
                sum = vector.clone();
            }
            else {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += vector[i];
                }
            }
        }

        KnowledgeGap gap() {
            double[] centre = centroid();
            int best = 0;
            for (int i = 1; i < vectors.size(); i++) {
                if (Vectors.cosine(vectors.get(i), centre) > Vectors.cosine(vectors.get(best), centre)) {
                    best = i;
                }
            }
            String representative = turns.get(best).question();
            List<String> examples = new ArrayList<>();
            for (int i = 0; i < turns.size() && examples.size() < 5; i++) {
                if (!turns.get(i).question().equals(representative) && !examples.contains(turns.get(i).question())) {
                    examples.add(turns.get(i).question());
                }
            }
            int escalated = (int) turns.stream().filter(LoggedTurn::escalated).count();
            int declined = (int) turns.stream().filter(LoggedTurn::declined).count();
            return new KnowledgeGap(turns.size(), representative, examples, escalated, declined);
        }
    }
}
