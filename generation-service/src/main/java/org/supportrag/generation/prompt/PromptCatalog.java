package org.supportrag.generation.prompt;

import java.util.Map;
import java.util.UUID;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.generation.prompt.ResolvedPrompts.ResolvedPrompt;

/** Which prompt templates a conversation is answered with. */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class PromptCatalog {

    private final PromptRepository prompts;
    private final DatabaseRetry retry;

    /**
     * The A/B arm of a new conversation: {@code canary} for the tenant's (else the global) canary share of
     * conversations, by a hash of the id, so the same id always lands in the same arm.
     */
    public String assignVariant(String tenantId, UUID conversationId) {
        int percent = retry.call(() -> prompts.canaryPercent(tenantId));
        return percent > 0 && bucket(conversationId) < percent ? PromptNames.CANARY : PromptNames.PRODUCTION;
    }

    /** The templates of a turn in the given arm; a missing canary label falls back to production. */
    public ResolvedPrompts resolve(String tenantId, String variant) {
        Map<String, ResolvedPrompt> resolved = retry.call(() -> prompts.resolve(tenantId, variant));
        for (String name : PromptNames.all()) {
            if (!resolved.containsKey(name)) {
                throw new IllegalStateException("No production version of prompt template " + name);
            }
        }
        return new ResolvedPrompts(variant, resolved);
    }

    /** 0..99, uniform for random UUIDs and stable for a given id. */
    static int bucket(UUID conversationId) {
        return Math.floorMod(conversationId.hashCode(), 100);
    }
}
