package org.supportrag.ingestion.index;

import org.jspecify.annotations.Nullable;

/** The retrieval index did not accept a change; the caller keeps its own state as it was. */
public class IndexUnavailableException extends RuntimeException {

    public IndexUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
