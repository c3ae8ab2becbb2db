package org.supportrag.generation.cache;

import java.util.List;

import lombok.RequiredArgsConstructor;

import org.supportrag.defaults.embedding.TextEmbedder;

/**
 * Question-to-question similarity with the in-process embedding model. Questions are embedded as documents (without
 * bge's query instruction): comparing two questions is a symmetric task.
 */
@RequiredArgsConstructor
final class QuestionEmbeddings {

    private final TextEmbedder embedder;

    float[] embed(String text) {
        return embedder.embedDocuments(List.of(text)).getFirst();
    }

    double similarity(String a, String b) {
        List<float[]> vectors = embedder.embedDocuments(List.of(a, b));
        return cosine(vectors.get(0), vectors.get(1));
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }
}
