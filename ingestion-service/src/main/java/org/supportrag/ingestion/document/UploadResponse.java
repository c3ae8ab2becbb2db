package org.supportrag.ingestion.document;

import java.util.List;

/** The result of a multi-file upload: counts per status and one entry per file, in upload order. */
record UploadResponse(String knowledgeBase, int created, int updated, int unchanged, int failed,
        List<FileResult> documents) {

    static UploadResponse of(String knowledgeBase, List<FileResult> documents) {
        return new UploadResponse(knowledgeBase, count(documents, FileStatus.CREATED),
                count(documents, FileStatus.UPDATED), count(documents, FileStatus.UNCHANGED),
                count(documents, FileStatus.FAILED), List.copyOf(documents));
    }

    private static int count(List<FileResult> documents, FileStatus status) {
        return (int) documents.stream().filter(document -> document.status() == status).count();
    }
}
