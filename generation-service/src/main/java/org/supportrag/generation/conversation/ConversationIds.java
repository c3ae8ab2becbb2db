package org.supportrag.generation.conversation;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Conversation ids as clients send them. */
public final class ConversationIds {

    // UUID.fromString also accepts forms like "1-2-3-4-5"; only the canonical form is an id we issued.
    private static final Pattern CANONICAL = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ConversationIds() {
    }

    /** The id, or null when {@code value} is not a canonical UUID. */
    public static @Nullable UUID parse(String value) {
        return CANONICAL.matcher(value).matches() ? UUID.fromString(value) : null;
    }
}
