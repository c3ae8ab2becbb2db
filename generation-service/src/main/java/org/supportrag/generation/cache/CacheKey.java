package org.supportrag.generation.cache;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.supportrag.generation.prompt.ResolvedPrompts;

/**
 * What must be equal for a cached answer to be reused: the tenant, the knowledge base, the caller's ACL groups (an
 * answer may cite chunks only some groups can read) and the prompt templates it was written with.
 */
public record CacheKey(String tenantId, String knowledgeBase, String aclKey, String promptVersion) {

    /** Prompt version of answers written without templates (the offline answerer). */
    public static final String NO_PROMPTS = "offline";

    public static CacheKey of(String tenantId, String knowledgeBase, Collection<String> groups,
            @Nullable List<ResolvedPrompts.PromptUse> prompts) {
        String acl = String.join(",", new TreeSet<>(groups));
        String version = prompts == null || prompts.isEmpty() ? NO_PROMPTS
                : String.join(",", prompts.stream()
                    .map(use -> use.name() + ":" + use.scope() + ":" + use.version())
                    .sorted()
                    .toList());
        return new CacheKey(tenantId, knowledgeBase, acl, version);
    }
}
