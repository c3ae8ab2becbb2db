package org.supportrag.contracts.retrieval.v1;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Replaces every chunk of one document in one transaction: readers see the old version or the new one, never a
 * mix.
 */
public record IndexDocumentRequest(@NotBlank @Size(max = 100) String knowledgeBase, @NotBlank @Size(max = 500) String title,
        @Nullable @Size(max = 2000) String sourceUri, @NotEmpty @Size(max = 10000) List<@Valid IndexChunk> chunks) {
}
