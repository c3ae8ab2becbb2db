package org.supportrag.generation.conversation;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A conversation of one tenant.
 *
 * @param promptVariant the prompt A/B arm assigned at its start ({@code production} or {@code canary}); null when
 *                      answered without prompt templates
 */
public record Conversation(UUID id, String tenantId, String knowledgeBase, @Nullable String customerRef,
        Instant createdAt, @Nullable String promptVariant) {
}
