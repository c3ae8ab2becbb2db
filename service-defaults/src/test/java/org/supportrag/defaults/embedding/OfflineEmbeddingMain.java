package org.supportrag.defaults.embedding;

import java.util.List;

/** Run by {@link EmbeddingRunsOfflineTests} in a child JVM that has no network. */
class OfflineEmbeddingMain {

    public static void main(String[] args) {
        try (OnnxEmbeddingModel model = OnnxEmbeddingModel.loadBundled()) {
            List<float[]> vectors = model.embed(List.of("How do I reset my password?", "Orders ship in two days."));
            for (float[] vector : vectors) {
                System.out.printf("dims=%d norm=%.4f%n", vector.length, Vectors.norm(vector));
            }
            System.out.println("tokens=" + TokenCounter.bundled().count("How do I reset my password?"));
        }
    }
}
