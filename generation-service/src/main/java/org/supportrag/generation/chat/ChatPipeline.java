package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.conversation.Citation;

/**
 * The chat turn pipeline for other front doors (the OpenAI-compatible endpoint): the same validation, storage,
 * retrieval, model chain and interaction log as {@code POST /api/v1/chat}, with the conversation's earlier messages
 * supplied by the caller instead of loaded.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ChatPipeline {

    private final ChatService chat;

    /** An accepted question, ready to be answered. */
    public static final class PreparedTurn {

        private final Turn turn;

        PreparedTurn(Turn turn) {
            this.turn = turn;
        }

        public UUID conversationId() {
            return turn.conversationId();
        }

        public UUID messageId() {
            return turn.answerId();
        }

        public CallerIdentity caller() {
            return turn.caller();
        }
    }

    /** Receives the answer while it is written. */
    public interface Listener {

        void token(String text);

        /** True once nobody listens any more. */
        boolean closed();
    }

    /** The finished turn. */
    public record Result(UUID conversationId, UUID messageId, String traceId, String answer, List<Citation> citations,
            double confidence, boolean escalated, List<String> flags, String model, int promptTokens,
            int completionTokens, double costUsd) {
    }

    /**
     * Validates and stores the question in a new conversation; fails with a problem (400, 403) before anything is
     * stored.
     *
     * @param history earlier messages, oldest first, as the caller sent them
     */
    public PreparedTurn begin(CallerIdentity caller, @Nullable String message, List<Question.PriorMessage> history,
            @Nullable String knowledgeBase, String traceId) {
        Turn started = chat.begin(new ChatRequest(message, null, knowledgeBase), caller, traceId);
        return new PreparedTurn(new Turn(started.caller(), started.conversationId(), started.knowledgeBase(),
                started.questionId(), started.answerId(), started.question(), started.traceId(), history,
                started.promptVariant()));
    }

    /** Answers, streaming to {@code listener}; throws a problem (503) when retrieval fails. */
    public Result respond(PreparedTurn prepared, Listener listener) {
        Collector events = new Collector(listener);
        chat.respond(prepared.turn, events);
        ChatPayloads.Meta meta = events.meta;
        ChatPayloads.Done done = events.done;
        if (meta == null || done == null) {
            throw new IllegalStateException("The chat turn did not complete");
        }
        return new Result(meta.conversationId(), meta.messageId(), meta.traceId(), events.text.toString(),
                List.copyOf(events.citations), done.confidence(), done.escalated(), done.flags(), done.model(),
                done.usage().promptTokens(), done.usage().completionTokens(), done.usage().costUsd());
    }

    private static final class Collector implements ChatEvents {

        private final Listener listener;
        private final StringBuilder text = new StringBuilder();
        private final List<Citation> citations = new ArrayList<>();
        private ChatPayloads.@Nullable Meta meta;
        private ChatPayloads.@Nullable Done done;

        Collector(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void meta(ChatPayloads.Meta meta) {
            this.meta = meta;
        }

        @Override
        public void token(String text) {
            this.text.append(text);
            listener.token(text);
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
            throw new ErrorResponseException(org.springframework.http.HttpStatusCode.valueOf(problem.getStatus()),
                    problem, null);
        }

        @Override
        public boolean closed() {
            return listener.closed();
        }
    }
}
