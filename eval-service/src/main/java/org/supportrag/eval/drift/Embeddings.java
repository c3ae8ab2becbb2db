package org.supportrag.eval.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

import org.supportrag.defaults.embedding.Vectors;

/** Vector helpers for query-embedding drift: centroids, seeded k-means on unit vectors. */
final class Embeddings {

    private Embeddings() {
    }

    static double[] centroid(List<double[]> vectors) {
        double[] sum = new double[vectors.getFirst().length];
        for (double[] vector : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += vector[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= vectors.size();
        }
        return sum;
    }

    /** k-means++ with a fixed seed (reports must not change between replicas or reruns on the same data). */
    static List<double[]> kMeans(List<double[]> vectors, int k) {
        int clusters = Math.min(k, vectors.size());
        KMeansPlusPlusClusterer<DoublePoint> clusterer = new KMeansPlusPlusClusterer<>(clusters, 100,
                new EuclideanDistance(), seeded());
        List<DoublePoint> points = vectors.stream().map(DoublePoint::new).toList();
        List<double[]> centers = new ArrayList<>();
        for (CentroidCluster<DoublePoint> cluster : clusterer.cluster(points)) {
            centers.add(cluster.getCenter().getPoint());
        }
        return centers;
    }

    /** Index of the most similar center and the similarity. */
    static Nearest nearest(double[] vector, List<double[]> centers) {
        int best = 0;
        double bestSimilarity = -2;
        for (int i = 0; i < centers.size(); i++) {
            double similarity = Vectors.cosine(vector, centers.get(i));
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = i;
            }
        }
        return new Nearest(best, bestSimilarity);
    }

    record Nearest(int index, double similarity) {
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.floor(q * (sorted.length - 1));
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double[] toDoubles(float[] vector) {
        double[] result = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = vector[i];
        }
        return result;
    }

    private static JDKRandomGenerator seeded() {
        JDKRandomGenerator random = new JDKRandomGenerator();
        random.setSeed(13);
        return random;
    }
}
