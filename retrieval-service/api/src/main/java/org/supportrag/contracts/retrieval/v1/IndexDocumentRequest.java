package org.supportrag.contracts.retrieval.v1;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Replaces every chunk of one document in one transaction: readers see the old version or the new one, never a
 * mix.
 *
 * @param kind the document's kind as ingestion detected it ({@code markdown}, {@code pdf}, {@code ticket}, ...)
 * @param language ISO 639-1 code of the document's language, when known; used as a search filter and to pick the
 *        full-text configuration
 * @param aclGroups groups allowed to read the document; empty means every caller of the tenant may
 * @param metadata small string attributes searchable as filters (product, version, ticket status, ...)
 */
public record IndexDocumentRequest(@NotBlank @Size(max = 100) String knowledgeBase, @NotBlank @Size(max = 500) String title,
        @Nullable @Size(max = 2000) String sourceUri, @NotEmpty @Size(max = 10000) List<@Valid IndexChunk> chunks,
        @Nullable @Size(max = 40) String kind, @Nullable @Pattern(regexp = "[a-z]{2}") String language,
        @Nullable @Size(max = 100) Set<@NotBlank @Size(max = 200) String> aclGroups,
        @Nullable @Size(max = 50) Map<@NotBlank @Size(max = 100) String, @Size(max = 1000) String> metadata) {

    /** A public document of unknown kind and language. */
    public IndexDocumentRequest(String knowledgeBase, String title, @Nullable String sourceUri, List<IndexChunk> chunks) {
        this(knowledgeBase, title, sourceUri, chunks, null, null, null, null);
    }

    public Set<String> aclGroupsOrEmpty() {
        return aclGroups == null ? Set.of() : aclGroups;
    }

    public Map<String, String> metadataOrEmpty() {
        return metadata == null ? Map.of() : metadata;
    }
}
