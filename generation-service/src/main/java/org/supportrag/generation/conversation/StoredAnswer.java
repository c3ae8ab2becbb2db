package org.supportrag.generation.conversation;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An answer to store, with what it was grounded on and what it cost. */
public record StoredAnswer(UUID id, UUID conversationId, String tenantId, String content,
        List<Citation> citations, List<String> flags, double confidence, String model, int promptTokens,
        int completionTokens, @Nullable String traceId) {
}
