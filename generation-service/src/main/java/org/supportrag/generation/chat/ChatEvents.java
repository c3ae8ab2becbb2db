package org.supportrag.generation.chat;

import org.springframework.http.ProblemDetail;

import org.supportrag.generation.conversation.Citation;

/** Where a chat turn's events go: an SSE stream or a collected JSON answer. */
interface ChatEvents {

    void meta(ChatPayloads.Meta meta);

    void token(String text);

    void citation(Citation citation);

    void done(ChatPayloads.Done done);

    void error(ProblemDetail problem);

    /** True once the client is gone (the answer is then stored flagged {@code client_disconnected}). */
    boolean closed();

    /** True when the answer should stop being generated: by default once the client is gone. */
    default boolean cancelled() {
        return closed();
    }
}
