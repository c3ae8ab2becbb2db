package org.supportrag.contracts.retrieval.v1;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Narrows a search; every given condition must hold (AND), values within one list are alternatives (OR) except
 * {@code tags}, which must all be present. The tenant and the caller's ACL groups are never part of a request: the
 * retrieval service adds them from the caller's verified token.
 *
 * @param language ISO 639-1 code: only chunks of documents in this language; also picks the full-text configuration
 *        the query is parsed with
 * @param kinds document kinds as ingestion recorded them ({@code markdown}, {@code pdf}, ...)
 * @param metadata metadata attributes that must equal the given values
 * @param tags values that must all occur in the document's comma-separated {@code tags} metadata attribute
 * @param documentIds only these documents
 * @param sourcePrefix only documents whose source URI (or file name) starts with this
 * @param indexedAfter only documents indexed (last replaced) at or after this instant
 * @param indexedBefore only documents indexed before this instant
 */
public record SearchFilters(@Nullable @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code") String language,
        @Nullable @Size(max = 20) Set<@NotBlank @Size(max = 40) String> kinds,
        @Nullable @Size(max = 20) Map<@NotBlank @Size(max = 100) String, @Size(max = 1000) String> metadata,
        @Nullable @Size(max = 20) Set<@NotBlank @Size(max = 100) String> tags,
        @Nullable @Size(max = 1000) Set<UUID> documentIds, @Nullable @Size(min = 1, max = 2000) String sourcePrefix,
        @Nullable Instant indexedAfter, @Nullable Instant indexedBefore) {

    /** No conditions. */
    public static final SearchFilters NONE = new SearchFilters(null, null, null, null, null, null, null, null);

    /** Only chunks in the given language. */
    public static SearchFilters language(String language) {
        return new SearchFilters(language, null, null, null, null, null, null, null);
    }

    public Set<String> kindsOrEmpty() {
        return kinds == null ? Set.of() : kinds;
    }

    public Map<String, String> metadataOrEmpty() {
        return metadata == null ? Map.of() : metadata;
    }

    public Set<String> tagsOrEmpty() {
        return tags == null ? Set.of() : tags;
    }

    public Set<UUID> documentIdsOrEmpty() {
        return documentIds == null ? Set.of() : documentIds;
    }
}
