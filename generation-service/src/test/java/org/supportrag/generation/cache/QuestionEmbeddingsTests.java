package org.supportrag.generation.cache;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TextEmbedder;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionEmbeddingsTests {

    private final CountingEmbedder model = new CountingEmbedder();
    private final QuestionEmbeddings embeddings = new QuestionEmbeddings(model, 10);

    @Test
    void embedsAQuestionCustomersAskAgainOnlyOnce() {
        float[] first = embeddings.embed("how long do refunds take?");
        float[] again = embeddings.embed("how long do refunds take?");

        assertThat(model.embedded).containsExactly("how long do refunds take?");
        assertThat(again).isSameAs(first);
    }

    @Test
    void comparesWithTheVectorTheLookupAlreadyTookAndEmbedsOnlyTheOtherQuestion() {
        embeddings.embed("how long do refunds take?");

        double same = embeddings.similarity("how long do refunds take?", "how long do refunds take?");
        embeddings.similarity("how long do refunds take?", "are labels free?");

        assertThat(same).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(model.embedded).containsExactly("how long do refunds take?", "are labels free?");
    }

    @Test
    void exportsItsHitsAndMisses() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        embeddings.monitor(meters);

        embeddings.embed("a");
        embeddings.embed("a");
        embeddings.similarity("a", "b");

        assertThat(meters.get("cache.gets").tag("cache", "answer-cache-questions").tag("result", "miss")
            .functionCounter().count()).isEqualTo(2);
        assertThat(meters.get("cache.gets").tag("cache", "answer-cache-questions").tag("result", "hit")
            .functionCounter().count()).isEqualTo(2);
    }

    /** Gives the n-th distinct text embedded the vector (n, 1): distinct texts, distinct directions. */
    private static final class CountingEmbedder implements TextEmbedder {

        final List<String> embedded = new ArrayList<>();

        @Override
        public float[] embedQuery(String query) {
            throw new UnsupportedOperationException("questions are compared as documents");
        }

        @Override
        public List<float[]> embedDocuments(List<String> texts) {
            List<float[]> vectors = new ArrayList<>();
            for (String text : texts) {
                embedded.add(text);
                vectors.add(new float[] { embedded.size(), 1f });
            }
            return vectors;
        }

        @Override
        public int dimensions() {
            return 2;
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
