package org.supportrag.generation.chat;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/chat}. Fields are validated by {@link ChatService} so every violation becomes the
 * same validation problem.
 */
record ChatRequest(@Nullable String message, @Nullable String conversationId, @Nullable String knowledgeBase,
        @Nullable EvaluationOverrides evaluation) {

    ChatRequest(@Nullable String message, @Nullable String conversationId, @Nullable String knowledgeBase) {
        this(message, conversationId, knowledgeBase, null);
    }
}
