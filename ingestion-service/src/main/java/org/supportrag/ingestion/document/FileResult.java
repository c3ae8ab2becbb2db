package org.supportrag.ingestion.document;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The outcome for one uploaded file.
 *
 * @param name the file name as uploaded
 * @param error why the file failed; a fixed, client-safe phrase
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileResult(@Nullable UUID documentId, String name, FileStatus status, @Nullable Integer version,
        @Nullable Integer chunks, @Nullable String error) {

    public static FileResult failed(String name, String error) {
        return new FileResult(null, name, FileStatus.FAILED, null, null, error);
    }

    static FileResult of(StoredDocument document, FileStatus status) {
        return new FileResult(document.id(), document.sourceUri(), status, document.version(), document.chunkCount(),
                null);
    }
}
