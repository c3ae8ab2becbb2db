package org.supportrag.contracts.generation.v1;

/** Paths of the generation API, version 1, that other services call. */
public final class GenerationApi {

    /** Cache invalidation when documents change: {@code POST} a {@link DocumentChanges}, answered 204. */
    public static final String DOCUMENT_CHANGES = "/api/v1/cache/document-changes";

    private GenerationApi() {
    }
}
