package org.supportrag.generation.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Map<String, float[]> known = passages.getAllPresent(texts);
        List<String> missing = texts.stream().filter(text -> !known.containsKey(text)).distinct().toList();
        Map<String, float[]> embedded = new java.util.HashMap<>(known);
        if (!missing.isEmpty()) {
            List<float[]> vectors = delegate.embedDocuments(missing);
            for (int i = 0; i < missing.size(); i++) {
                embedded.put(missing.get(i), vectors.get(i));
                passages.put(missing.get(i), vectors.get(i));
            }
        }
        List<float[]> result = new ArrayList<>(texts.size());
        texts.forEach(text -> result.add(embedded.get(text)));
        return List.copyOf(result);
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
