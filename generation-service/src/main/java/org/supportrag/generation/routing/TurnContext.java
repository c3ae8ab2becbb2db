package org.supportrag.generation.routing;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Whose turn is answered, for budgets and usage records; {@code null} ids for calls outside a stored conversation.
 */
public record TurnContext(@Nullable String tenantId, @Nullable UUID conversationId, @Nullable UUID messageId) {

    public static final TurnContext NONE = new TurnContext(null, null, null);
}
