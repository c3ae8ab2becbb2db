package org.supportrag.defaults.embedding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.ai.embedding.EmbeddingModel;

/**
 * What services embed with. Queries and documents are embedded differently (bge prefixes queries with an
 * instruction), so callers must use the matching method. Thread-safe. Vectors are L2-normalized for the bundled
 * model, so cosine similarity equals the dot product.
 */
public interface TextEmbedder {

    /** Embeds a search query, prefixed with the configured query instruction. */
    float[] embedQuery(String query);

    /** Embeds passages as stored in the index (no instruction), batched; the result keeps the input order. */
    List<float[]> embedDocuments(List<String> texts);

    /**
     * Embeds passages in one batch, keyed by text: the bulk loader of a cache of document vectors (Caffeine's
     * {@code getAll}).
     */
    default Map<String, float[]> embedDocumentsByText(Set<? extends String> texts) {
        List<String> ordered = List.copyOf(texts);
        List<float[]> vectors = embedDocuments(ordered);
        Map<String, float[]> byText = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            byText.put(ordered.get(i), vectors.get(i));
        }
        return byText;
    }

    /** Length of every returned vector. */
    int dimensions();

    /** Identifies the model so stored vectors can be tied to the model that made them. */
    String modelId();

    /** Tokens in {@code text} per the model's tokenizer, without special tokens. */
    int countTokens(String text);

    /** Wraps any Spring AI model, e.g. {@link OnnxEmbeddingModel} or an OpenAI/Ollama one. */
    static TextEmbedder of(EmbeddingModel model, TokenCounter tokenCounter, EmbeddingProperties properties) {
        return new DefaultTextEmbedder(model, tokenCounter, properties);
    }
}
