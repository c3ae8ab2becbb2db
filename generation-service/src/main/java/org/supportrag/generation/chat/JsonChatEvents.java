package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;

import org.supportrag.generation.conversation.Citation;

/** Collects a chat turn's events into the JSON answer; front doors that stream as well extend it. */
class JsonChatEvents implements ChatEvents {

    private final StringBuilder text = new StringBuilder();
    private final List<Citation> citations = new ArrayList<>();
    private ChatPayloads.@Nullable Meta meta;
    private ChatPayloads.@Nullable Done done;

    @Override
    public void meta(ChatPayloads.Meta meta) {
        this.meta = meta;
    }

    @Override
    public void token(String text) {
        this.text.append(text);
    }

    @Override
    public void citation(Citation citation) {
        citations.add(citation);
    }

    @Override
    public void done(ChatPayloads.Done done) {
        this.done = done;
    }

    @Override
    public void error(ProblemDetail problem) {
        throw new IllegalStateException("JSON answers fail by exception, not by event");
    }

    @Override
    public boolean closed() {
        return false;
    }

    ChatPayloads.Answer answer() {
        ChatPayloads.Meta meta = this.meta;
        ChatPayloads.Done done = this.done;
        if (meta == null || done == null) {
            throw new IllegalStateException("The chat turn did not complete");
        }
        return new ChatPayloads.Answer(meta.conversationId(), meta.messageId(), meta.traceId(), text.toString(),
                List.copyOf(citations), done.confidence(), done.escalated(), done.flags(), done.model(), done.usage(),
                done.evaluation());
    }
}
