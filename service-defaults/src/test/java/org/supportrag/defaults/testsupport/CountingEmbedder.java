package org.supportrag.defaults.testsupport;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.supportrag.defaults.embedding.TextEmbedder;

/** A real embedder that counts what reaches it: queries, and passages one by one. */
public final class CountingEmbedder implements TextEmbedder {

    public final AtomicInteger queries = new AtomicInteger();
    public final AtomicInteger passages = new AtomicInteger();
    private final TextEmbedder delegate;

    public CountingEmbedder(TextEmbedder delegate) {
        this.delegate = delegate;
    }

    @Override
    public float[] embedQuery(String query) {
        queries.incrementAndGet();
        return delegate.embedQuery(query);
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        passages.addAndGet(texts.size());
        return delegate.embedDocuments(texts);
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
