package org.supportrag.generation.conversation;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A conversation of one tenant. */
public record Conversation(UUID id, String tenantId, String knowledgeBase, @Nullable String customerRef,
        Instant createdAt) {
}
