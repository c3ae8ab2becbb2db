package org.supportrag.generation.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message as stored; {@code role} is {@code user} or {@code assistant}. */
public record StoredMessage(UUID id, String role, String content, List<Citation> citations, Instant createdAt) {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public boolean fromCustomer() {
        return USER.equals(role);
    }
}
