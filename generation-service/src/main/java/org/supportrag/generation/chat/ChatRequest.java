package org.supportrag.generation.chat;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/chat}. Fields are validated by {@link ChatService} so every violation becomes the
 * same validation problem.
 *
 * @param language the visitor's language as a BCP 47 tag (the widget's, e.g. {@code de}): the service's own texts
 *                 use it when the message's language is not recognized and the tenant lets texts follow the visitor
 */
record ChatRequest(@Nullable String message, @Nullable String conversationId, @Nullable String knowledgeBase,
        @Nullable String language, @Nullable EvaluationOverrides evaluation) {

    ChatRequest(@Nullable String message, @Nullable String conversationId, @Nullable String knowledgeBase) {
        this(message, conversationId, knowledgeBase, null, null);
    }
}
