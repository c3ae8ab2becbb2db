package org.supportrag.generation.chat;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.generation.answer.Question;

/**
 * One question and answer within a conversation, after the question was accepted and stored.
 *
 * @param answerId id the answer will be stored under, announced in {@code meta}
 * @param history earlier messages of the conversation, oldest first, without this question
 * @param promptVariant the conversation's prompt A/B arm; null when the answerer uses no prompt templates
 * @param evaluation an admin's evaluation-run overrides; null for every other turn
 * @param language the visitor's language the request named (the widget's); null when it named none
 */
record Turn(CallerIdentity caller, UUID conversationId, String knowledgeBase, UUID questionId, UUID answerId,
        String question, String traceId, List<Question.PriorMessage> history, @Nullable String promptVariant,
        @Nullable EvaluationOverrides evaluation, @Nullable Locale language) {

    Turn(CallerIdentity caller, UUID conversationId, String knowledgeBase, UUID questionId, UUID answerId,
            String question, String traceId, List<Question.PriorMessage> history, @Nullable String promptVariant) {
        this(caller, conversationId, knowledgeBase, questionId, answerId, question, traceId, history, promptVariant,
                null, null);
    }
}
