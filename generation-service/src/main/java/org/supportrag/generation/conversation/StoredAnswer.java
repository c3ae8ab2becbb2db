package org.supportrag.generation.conversation;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.supportrag.generation.prompt.ResolvedPrompts.PromptUse;

/**
 * An answer to store, with what it was grounded on and what it cost.
 *
 * @param prompts the prompt template versions it was written with; null when none were used
 */
public record StoredAnswer(UUID id, UUID conversationId, String tenantId, String content,
        List<Citation> citations, List<String> flags, double confidence, String model, int promptTokens,
        int completionTokens, @Nullable String traceId, @Nullable List<PromptUse> prompts) {
}
