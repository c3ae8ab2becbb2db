package org.supportrag.generation.answer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.supportrag.defaults.embedding.TextEmbedder;

/**
 * The offline answerer's embedder: passage vectors are kept in a bounded cache, since its turns keep quoting the
 * same help-center sections. Without it every turn embeds each candidate sentence again, so when the models are
 * down and every turn falls back to it, the embedding model becomes the queue that customers wait in (the
 * 30-minute soak: 90-115 s per fallback turn on a busy 2-CPU machine). Queries pass through: they rarely repeat.
 */
final class CachingPassageEmbedder implements TextEmbedder {

    private final TextEmbedder delegate;
    private final Cache<String, float[]> passages;

    CachingPassageEmbedder(TextEmbedder delegate, long maximumPassages) {
        this.delegate = delegate;
        this.passages = Caffeine.newBuilder().maximumSize(maximumPassages).build();
    }

    @Override
    public float[] embedQuery(String query) {
        return delegate.embedQuery(query);
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        // One batch for the passages not cached yet (Caffeine's bulk load), in the input order.
        Map<String, float[]> vectors = passages.getAll(texts, this::embedMissing);
        return texts.stream().map(vectors::get).toList();
    }

    private Map<String, float[]> embedMissing(Set<? extends String> missing) {
        List<String> texts = List.copyOf(missing);
        List<float[]> vectors = delegate.embedDocuments(texts);
        Map<String, float[]> embedded = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            embedded.put(texts.get(i), vectors.get(i));
        }
        return embedded;
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int countTokens(String text) {
        return delegate.countTokens(text);
    }
}
