package org.supportrag.eval.answers;

import org.jspecify.annotations.Nullable;

/** A citation of an answer as the chat API sends it. */
public record AnswerCitation(int index, @Nullable String chunkId, @Nullable String documentId, String title,
        @Nullable String url, String snippet) {
}
