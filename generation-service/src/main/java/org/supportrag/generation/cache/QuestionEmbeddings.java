package org.supportrag.generation.cache;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.Vectors;

/**
 * Question-to-question similarity with the in-process embedding model. Questions are embedded as documents (without
 * bge's query instruction): comparing two questions is a symmetric task. The vectors are cached: customers ask the
 * same questions again, and answers the cache cannot store (the offline answerer's during a model outage) leave no
 * exact entry, so without this every repeat would run the model again on the turn's path.
 */
final class QuestionEmbeddings {

    /** About 1.5 MB of vectors (384 floats each). */
    static final long QUESTIONS = 1024;

    private final TextEmbedder embedder;
    private final Cache<String, float[]> vectors;

    QuestionEmbeddings(TextEmbedder embedder) {
        this(embedder, QUESTIONS);
    }

    QuestionEmbeddings(TextEmbedder embedder, long maximumQuestions) {
        this.embedder = embedder;
        this.vectors = Caffeine.newBuilder().maximumSize(maximumQuestions).recordStats().build();
    }

    /** Exports the cache's hits, misses, evictions and size as {@code cache_gets_total{cache="answer-cache-questions"}}. */
    void monitor(MeterRegistry meters) {
        CaffeineCacheMetrics.monitor(meters, this.vectors, "answer-cache-questions");
    }

    float[] embed(String text) {
        return this.vectors.get(text, (missing) -> this.embedder.embedDocuments(List.of(missing)).getFirst());
    }

    double similarity(String a, String b) {
        Map<String, float[]> both = this.vectors.getAll(List.of(a, b), this.embedder::embedDocumentsByText);
        return Vectors.cosine(Objects.requireNonNull(both.get(a)), Objects.requireNonNull(both.get(b)));
    }
}
