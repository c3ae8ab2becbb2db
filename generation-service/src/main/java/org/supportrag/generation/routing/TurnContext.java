package org.supportrag.generation.routing;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Whose turn is answered, for budgets and usage records; {@code null} ids for calls outside a stored conversation.
 *
 * @param model the model an admin's evaluation call asked for (it answers first); null: routing decides
 * @param language the visitor's language the request named, for the customer's texts; null when it named none
 */
public record TurnContext(@Nullable String tenantId, @Nullable UUID conversationId, @Nullable UUID messageId,
        @Nullable String model, @Nullable Locale language) {

    public static final TurnContext NONE = new TurnContext(null, null, null);

    public TurnContext(@Nullable String tenantId, @Nullable UUID conversationId, @Nullable UUID messageId) {
        this(tenantId, conversationId, messageId, null, null);
    }

    public TurnContext(@Nullable String tenantId, @Nullable UUID conversationId, @Nullable UUID messageId,
            @Nullable String model) {
        this(tenantId, conversationId, messageId, model, null);
    }
}
