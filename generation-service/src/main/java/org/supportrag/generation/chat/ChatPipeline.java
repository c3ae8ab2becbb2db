package org.supportrag.generation.chat;

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
        ChatPayloads.Answer answer = events.answer();
        return new Result(answer.conversationId(), answer.messageId(), answer.traceId(), answer.answer(),
                answer.citations(), answer.confidence(), answer.escalated(), answer.flags(), answer.model(),
                answer.usage().promptTokens(), answer.usage().completionTokens(), answer.usage().costUsd());
    }

    /** The JSON answer's collector that streams the tokens to the listener as well. */
    private static final class Collector extends JsonChatEvents {

        private final Listener listener;

        Collector(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void token(String text) {
            super.token(text);
            listener.token(text);
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
