package org.supportrag.generation.cache;

import java.util.List;

import lombok.RequiredArgsConstructor;

import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.Vectors;

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
        return Vectors.cosine(vectors.get(0), vectors.get(1));
    }
}
