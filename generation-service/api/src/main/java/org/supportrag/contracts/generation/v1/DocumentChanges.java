package org.supportrag.contracts.generation.v1;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Documents of one knowledge base that changed or were deleted; the generation service drops cached answers that
 * cite them. Sent by ingestion (role {@code service}) to {@link GenerationApi#DOCUMENT_CHANGES}; the tenant comes
 * from the internal token.
 *
 * @param change {@code updated} or {@code deleted}
 */
public record DocumentChanges(@NotBlank @Size(max = 100) String knowledgeBase,
        @NotEmpty @Size(max = 10000) List<UUID> documentIds,
        @NotBlank @Pattern(regexp = "updated|deleted") String change) {
}
