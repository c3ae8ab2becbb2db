package org.supportrag.retrieval.index;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import org.supportrag.contracts.retrieval.v1.IndexChunk;
import org.supportrag.contracts.retrieval.v1.IndexDocumentRequest;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;

/**
 * Checks what Bean Validation cannot: vectors the index can store and compare, unique ordinals, text PostgreSQL can
 * store. Runs before the transaction, so a rejected request never touches stored data.
 */
final class IndexRequestValidator {

    static final String INVALID_EMBEDDING = "invalid-embedding";
    static final String DUPLICATE_ORDINAL = "duplicate-ordinal";
    static final String INVALID_CHUNK = "invalid-chunk";
    static final String INVALID_TEXT = "invalid-text";

    private final int dimensions;

    IndexRequestValidator(int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be positive, was " + dimensions);
        }
        this.dimensions = dimensions;
    }

    void validate(IndexDocumentRequest request) {
        requireStorable(request.title(), "title", null);
        requireStorable(request.sourceUri(), "sourceUri", null);
        List<IndexChunk> chunks = request.chunks();
        Set<Integer> ordinals = new HashSet<>();
        for (int i = 0; i < chunks.size(); i++) {
            IndexChunk chunk = chunks.get(i);
            if (chunk == null) {
                throw problem(INVALID_CHUNK, "Invalid chunk", "chunks[" + i + "] is null.", Map.of("index", i));
            }
            if (!ordinals.add(chunk.ordinal())) {
                throw problem(DUPLICATE_ORDINAL, "Duplicate chunk ordinal",
                        "More than one chunk has ordinal " + chunk.ordinal() + "; ordinals must be unique.",
                        Map.of("ordinal", chunk.ordinal()));
            }
            requireStorable(chunk.text(), "text", chunk.ordinal());
            requireStorable(chunk.sectionPath(), "sectionPath", chunk.ordinal());
            checkEmbedding(chunk);
        }
    }

    private void checkEmbedding(IndexChunk chunk) {
        float[] embedding = chunk.embedding();
        if (embedding == null || embedding.length != dimensions) {
            throw invalidEmbedding(chunk, "has " + (embedding == null ? 0 : embedding.length)
                    + " values; the index expects " + dimensions + ".");
        }
        boolean allZero = true;
        for (float value : embedding) {
            if (!Float.isFinite(value)) {
                throw invalidEmbedding(chunk, "contains a value that is not a finite number.");
            }
            allZero &= value == 0f;
        }
        // A zero vector has no direction: its cosine distance to anything is undefined (NaN).
        if (allZero) {
            throw invalidEmbedding(chunk, "is all zeros.");
        }
    }

    private static ApiProblemException invalidEmbedding(IndexChunk chunk, String what) {
        return problem(INVALID_EMBEDDING, "Invalid embedding",
                "The embedding of the chunk with ordinal " + chunk.ordinal() + " " + what,
                Map.of("ordinal", chunk.ordinal()));
    }

    /** PostgreSQL text cannot hold NUL characters; rejecting them here avoids a failure mid-transaction. */
    private static void requireStorable(@Nullable String value, String field, @Nullable Integer ordinal) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            String where = ordinal == null ? field : field + " of the chunk with ordinal " + ordinal;
            throw problem(INVALID_TEXT, "Invalid text", "The " + where + " contains a NUL character.",
                    ordinal == null ? Map.of("field", field) : Map.of("field", field, "ordinal", ordinal));
        }
    }

    private static ApiProblemException problem(String slug, String title, String detail, Map<String, ?> properties) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.of(slug), title, detail, properties);
    }
}
