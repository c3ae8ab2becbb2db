package org.supportrag.generation.confidence;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TextEmbedder;

import static org.assertj.core.api.Assertions.assertThat;

class CachingEmbedderTests {

    private final CountingEmbedder model = new CountingEmbedder();
    private final CachingEmbedder embedder = new CachingEmbedder(model, 100, 10);

    @Test
    void embedsAPassageOnceAndAnswersLaterTurnsFromTheCache() {
        embedder.embedDocuments(List.of("Refunds take 5 days.", "Labels are free."));
        List<float[]> again = embedder.embedDocuments(List.of("Labels are free.", "Refunds take 5 days."));

        assertThat(model.embedded).containsExactly("Refunds take 5 days.", "Labels are free.");
        assertThat(again).extracting(vector -> vector[0]).containsExactly(2f, 1f);
    }

    @Test
    void keepsTheInputOrderWhenSomePassagesAreNewAndSomeRepeat() {
        embedder.embedDocuments(List.of("b"));
        List<float[]> vectors = embedder.embedDocuments(List.of("a", "b", "c", "a"));

        assertThat(model.embedded).containsExactly("b", "a", "c");
        assertThat(vectors).extracting(vector -> vector[0]).containsExactly(2f, 1f, 3f, 2f);
    }

    @Test
    void embedsAQuestionOnceForTheStagesOfATurnThatAskForIt() {
        embedder.embedQuery("how long do refunds take?");
        embedder.embedQuery("how long do refunds take?");
        embedder.embedQuery("are labels free?");

        assertThat(model.queries).isEqualTo(2);
    }

    @Test
    void exportsThePassagesEmbeddedOnTheTurnsPathAsCacheMisses() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        embedder.monitor(meters);

        embedder.embedDocuments(List.of("a", "b"));
        embedder.embedDocuments(List.of("a", "c"));
        embedder.embedQuery("q");

        assertThat(meters.get("cache.gets").tag("cache", "answer-passages").tag("result", "miss").functionCounter()
            .count()).isEqualTo(3);
        assertThat(meters.get("cache.gets").tag("cache", "answer-passages").tag("result", "hit").functionCounter()
            .count()).isEqualTo(1);
        assertThat(meters.get("cache.gets").tag("cache", "answer-queries").tag("result", "miss").functionCounter()
            .count()).isEqualTo(1);
    }

    @Test
    void wrapsAnEmbedderOnlyOnce() {
        assertThat(CachingEmbedder.of(embedder)).isSameAs(embedder);
        assertThat(CachingEmbedder.of(model)).isNotSameAs(model);
    }

    /** Gives each new passage the next number as its vector, and remembers what it embedded. */
    private static final class CountingEmbedder implements TextEmbedder {

        final List<String> embedded = new ArrayList<>();
        int queries;

        @Override
        public float[] embedQuery(String query) {
            queries++;
            return new float[] { -1f };
        }

        @Override
        public List<float[]> embedDocuments(List<String> texts) {
            List<float[]> vectors = new ArrayList<>();
            for (String text : texts) {
                embedded.add(text);
                vectors.add(new float[] { embedded.size() });
            }
            return vectors;
        }

        @Override
        public int dimensions() {
            return 1;
        }

        @Override
        public String modelId() {
            return "counting";
        }

        @Override
        public int countTokens(String text) {
            return text.length();
        }
    }
}
