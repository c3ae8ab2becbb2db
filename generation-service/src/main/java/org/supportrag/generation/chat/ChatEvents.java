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

    /** True once the client is gone, so work can stop early. */
    boolean closed();
}
