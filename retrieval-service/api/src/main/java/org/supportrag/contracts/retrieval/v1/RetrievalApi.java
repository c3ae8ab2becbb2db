package org.supportrag.contracts.retrieval.v1;

/** Paths of the retrieval API, version 1. */
public final class RetrievalApi {

    public static final String SEARCH = "/api/v1/search";
    public static final String INDEX_DOCUMENT = "/api/v1/index/documents/{documentId}";
    public static final String DEFAULT_KNOWLEDGE_BASE = "default";

    private RetrievalApi() {
    }
}
