package org.supportrag.generation.escalation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.supportrag.generation.conversation.Citation;

/** A message as the agent API and the live events show it; agents' messages have role {@code agent}. */
record AgentMessage(UUID messageId, String role, String content, List<Citation> citations,
        Instant createdAt, @Nullable String author) {

    public AgentMessage {
        citations = List.copyOf(citations);
    }
}
