package org.supportrag.defaults.embedding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.ai.embedding.EmbeddingModel;

/** {@link TextEmbedder} over any Spring AI model; checks every vector so a misconfigured model fails loudly. */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
final class DefaultTextEmbedder implements TextEmbedder {

    private final EmbeddingModel model;
    private final TokenCounter tokenCounter;
    private final EmbeddingProperties properties;

    @Override
    public float[] embedQuery(String query) {
        Objects.requireNonNull(query, "query");
        return checked(model.embed(properties.queryInstruction() + query));
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        texts.forEach(text -> Objects.requireNonNull(text, "texts must not contain null"));
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += properties.batchSize()) {
            List<String> batch = texts.subList(start, Math.min(texts.size(), start + properties.batchSize()));
            List<float[]> embedded = model.embed(batch);
            if (embedded.size() != batch.size()) {
                throw new IllegalStateException(
                        "Embedding model returned " + embedded.size() + " vectors for " + batch.size() + " texts");
            }
            embedded.forEach(vector -> vectors.add(checked(vector)));
        }
        return Collections.unmodifiableList(vectors);
    }

    @Override
    public int dimensions() {
        return properties.dimensions();
    }

    @Override
    public String modelId() {
        return properties.modelId();
    }

    @Override
    public int countTokens(String text) {
        return tokenCounter.count(text);
    }

    private float[] checked(float[] vector) {
        if (vector.length != dimensions()) {
            throw new IllegalStateException("Embedding model " + modelId() + " returned " + vector.length
                    + " dimensions; rag.embedding.dimensions is " + dimensions());
        }
        return vector;
    }
}
