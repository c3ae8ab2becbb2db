package org.supportrag.defaults.embedding;

/** Vector arithmetic on embeddings, shared by every service that compares two of them. */
public final class Vectors {

    private Vectors() {
    }

    public static double dot(float[] a, float[] b) {
        return dot(toDoubles(a), toDoubles(b));
    }

    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Cosine similarity; 0 when either vector is zero (it has no direction). */
    public static double cosine(float[] a, float[] b) {
        return cosine(toDoubles(a), toDoubles(b));
    }

    /** Cosine similarity; 0 when either vector is zero (it has no direction). */
    public static double cosine(double[] a, double[] b) {
        double normA = Math.sqrt(dot(a, a));
        double normB = Math.sqrt(dot(b, b));
        return normA == 0 || normB == 0 ? 0 : dot(a, b) / (normA * normB);
    }

    private static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Lengths differ: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] toDoubles(float[] vector) {
        double[] doubles = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            doubles[i] = vector[i];
        }
        return doubles;
    }
}
