package org.supportrag.contracts.retrieval.v1;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.jspecify.annotations.Nullable;

/**
 * A chunk with its embedding, computed by the caller with the platform's configured embedding model.
 *
 * @param ordinal position of the chunk in its document, from 0
 */
public record IndexChunk(@Min(0) int ordinal, @NotBlank String text, @Nullable String sectionPath, @Min(0) int tokenCount,
        @NotEmpty float[] embedding) {
}
