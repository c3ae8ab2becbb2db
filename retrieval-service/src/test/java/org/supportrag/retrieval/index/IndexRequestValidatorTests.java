package org.supportrag.retrieval.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.defaults.problem.ApiProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IndexRequestValidatorTests {

    private static final int DIMENSIONS = 4;

    private final IndexRequestValidator validator = new IndexRequestValidator(DIMENSIONS);

    @Test
    void acceptsUniqueOrdinalsWithFiniteVectorsOfTheRightLength() {
        assertThatCode(() -> validator.validate(request(chunk(0, vector(DIMENSIONS)), chunk(1, vector(DIMENSIONS)))))
            .doesNotThrowAnyException();
    }

    @Test
    void rejectsAnEmbeddingThatIsTooShort() {
        ProblemDetail problem = rejected(request(chunk(0, vector(DIMENSIONS)), chunk(7, vector(DIMENSIONS - 1))));
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getType()).hasToString("urn:supportrag:problem:invalid-embedding");
        assertThat(problem.getDetail()).contains("ordinal 7").contains("3 values").contains("expects 4");
        assertThat(problem.getProperties()).containsEntry("ordinal", 7);
    }

    @Test
    void rejectsAnEmbeddingThatIsTooLong() {
        assertThat(rejected(request(chunk(0, vector(DIMENSIONS + 1)))).getType())
            .hasToString("urn:supportrag:problem:invalid-embedding");
    }

    @Test
    void rejectsNotANumberAndInfinity() {
        for (float bad : new float[] { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY }) {
            float[] embedding = vector(DIMENSIONS);
            embedding[2] = bad;
            ProblemDetail problem = rejected(request(chunk(0, embedding)));
            assertThat(problem.getType()).hasToString("urn:supportrag:problem:invalid-embedding");
            assertThat(problem.getDetail()).contains("not a finite number");
        }
    }

    @Test
    void rejectsAnAllZeroEmbeddingBecauseItsCosineDistanceIsUndefined() {
        ProblemDetail problem = rejected(request(chunk(0, new float[DIMENSIONS])));
        assertThat(problem.getType()).hasToString("urn:supportrag:problem:invalid-embedding");
        assertThat(problem.getDetail()).contains("all zeros");
    }

    @Test
    void rejectsDuplicateOrdinals() {
        ProblemDetail problem = rejected(
                request(chunk(0, vector(DIMENSIONS)), chunk(3, vector(DIMENSIONS)), chunk(3, vector(DIMENSIONS))));
        assertThat(problem.getType()).hasToString("urn:supportrag:problem:duplicate-ordinal");
        assertThat(problem.getProperties()).containsEntry("ordinal", 3);
    }

    @Test
    void rejectsANullChunk() {
        List<IndexChunk> chunks = new ArrayList<>();
        chunks.add(chunk(0, vector(DIMENSIONS)));
        chunks.add(null);
        ProblemDetail problem = rejected(new IndexDocumentRequest("default", "Title", null, chunks));
        assertThat(problem.getType()).hasToString("urn:supportrag:problem:invalid-chunk");
        assertThat(problem.getDetail()).contains("chunks[1]");
    }

    @Test
    void rejectsNulCharactersWhichPostgresTextCannotHold() {
        IndexChunk withNul = new IndexChunk(0, "before\u0000after", null, 2, vector(DIMENSIONS));
        assertThat(rejected(request(withNul)).getType()).hasToString("urn:supportrag:problem:invalid-text");

        IndexChunk nulInSection = new IndexChunk(0, "text", "a\u0000b", 1, vector(DIMENSIONS));
        assertThat(rejected(request(nulInSection)).getProperties()).containsEntry("field", "sectionPath");

        IndexDocumentRequest nulInTitle = new IndexDocumentRequest("default", "T\u0000", null,
                List.of(chunk(0, vector(DIMENSIONS))));
        assertThat(rejected(nulInTitle).getProperties()).containsEntry("field", "title");
    }

    @Test
    void refusesANonPositiveDimensionCount() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IndexRequestValidator(0));
    }

    private ProblemDetail rejected(IndexDocumentRequest request) {
        ApiProblemException ex = catchThrowableOfType(ApiProblemException.class, () -> validator.validate(request));
        assertThat(ex).as("validation should have failed").isNotNull();
        return ex.getBody();
    }

    private static IndexDocumentRequest request(IndexChunk... chunks) {
        return new IndexDocumentRequest("default", "Title", null, Arrays.asList(chunks));
    }

    private static IndexChunk chunk(int ordinal, float[] embedding) {
        return new IndexChunk(ordinal, "chunk " + ordinal, null, 2, embedding);
    }

    private static float[] vector(int length) {
        float[] vector = new float[length];
        Arrays.fill(vector, 0.5f);
        return vector;
    }
}
