package org.supportrag.defaults.embedding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DefaultTextEmbedderTests {

    private final RecordingModel model = new RecordingModel(4);

    private final EmbeddingProperties properties = new EmbeddingProperties(EmbeddingProperties.Provider.SPRING_AI,
            EmbeddingProperties.DEFAULT_MODEL_URI, EmbeddingProperties.DEFAULT_TOKENIZER_URI, "test-model", 4, 2, 512,
            "query: ", 0, 1);

    private final TextEmbedder embedder = TextEmbedder.of(model, String::length, properties);

    @Test
    void prefixesQueriesWithTheInstruction() {
        embedder.embedQuery("reset password");

        assertThat(model.requests).containsExactly(List.of("query: reset password"));
    }

    @Test
    void embedsDocumentsWithoutTheInstructionInBatches() {
        List<float[]> vectors = embedder.embedDocuments(List.of("a", "bb", "ccc", "dddd", "eeeee"));

        assertThat(model.requests).containsExactly(List.of("a", "bb"), List.of("ccc", "dddd"), List.of("eeeee"));
        assertThat(vectors).extracting(vector -> vector[0]).containsExactly(1f, 2f, 3f, 4f, 5f);
    }

    @Test
    void embedsDocumentsKeyedByTextForACachesBulkLoad() {
        Map<String, float[]> vectors = embedder.embedDocumentsByText(new LinkedHashSet<>(List.of("a", "ccc")));

        assertThat(model.requests).containsExactly(List.of("a", "ccc"));
        assertThat(vectors).containsOnlyKeys("a", "ccc");
        assertThat(vectors.get("a")[0]).isEqualTo(1f);
        assertThat(vectors.get("ccc")[0]).isEqualTo(3f);
    }

    @Test
    void rejectsVectorsOfTheWrongLength() {
        TextEmbedder mismatched = TextEmbedder.of(new RecordingModel(3), String::length, properties);

        assertThatIllegalStateException().isThrownBy(() -> mismatched.embedQuery("hi"))
            .withMessageContaining("returned 3 dimensions");
    }

    @Test
    void reportsTheConfiguredModelAndCountsWithTheTokenCounter() {
        assertThat(embedder.modelId()).isEqualTo("test-model");
        assertThat(embedder.dimensions()).isEqualTo(4);
        assertThat(embedder.countTokens("12345")).isEqualTo(5);
    }

    /** A deterministic model whose first component is the text length. */
    static final class RecordingModel implements EmbeddingModel {

        final List<List<String>> requests = new ArrayList<>();

        private final int dimensions;

        RecordingModel(int dimensions) {
            this.dimensions = dimensions;
        }

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            requests.add(List.copyOf(request.getInstructions()));
            List<Embedding> embeddings = new ArrayList<>();
            for (String text : request.getInstructions()) {
                float[] vector = new float[dimensions];
                vector[0] = text.length();
                embeddings.add(new Embedding(vector, embeddings.size()));
            }
            return new EmbeddingResponse(embeddings);
        }

        @Override
        public float[] embed(Document document) {
            return embed(document.getText());
        }
    }
}
