package org.supportrag.generation.chat;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.supportrag.defaults.problem.ProblemResponses;

import org.supportrag.generation.conversation.Citation;

/** Sends chat events as server-sent events; each send is flushed to the client at once. */
final class SseChatEvents implements ChatEvents {

    private static final Logger log = LoggerFactory.getLogger(SseChatEvents.class);

    private final SseEmitter emitter;
    private volatile boolean closed;

    SseChatEvents(SseEmitter emitter) {
        this.emitter = emitter;
        emitter.onCompletion(() -> closed = true);
        emitter.onTimeout(() -> closed = true);
        emitter.onError(error -> closed = true);
    }

    @Override
    public void meta(ChatPayloads.Meta meta) {
        send("meta", meta);
    }

    @Override
    public void token(String text) {
        send("token", new ChatPayloads.Token(text));
    }

    @Override
    public void citation(Citation citation) {
        send("citation", citation);
    }

    @Override
    public void done(ChatPayloads.Done done) {
        send("done", done);
    }

    @Override
    public void error(ProblemDetail problem) {
        send("error", ProblemResponses.members(problem));
    }

    @Override
    public boolean closed() {
        return closed;
    }

    /**
     * Never: a widget's stream breaks when its gateway replica dies or the network drops, and the widget then reads
     * the stored answer from the conversation, so the answer is completed and stored whatever the client does.
     */
    @Override
    public boolean cancelled() {
        return false;
    }

    void complete() {
        if (!closed) {
            emitter.complete();
        }
    }

    private void send(String name, Object data) {
        if (closed) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        }
        catch (IOException | IllegalStateException ex) {
            // The client went away or the stream timed out: stop sending, let the caller wind down.
            log.debug("SSE client gone: {}", ex.getMessage());
            closed = true;
        }
    }

}
