package org.supportrag.generation.prompt;

import java.util.List;
import java.util.Map;

/**
 * The templates chosen for one turn.
 *
 * @param variant the conversation's A/B arm, {@code production} or {@code canary}
 * @param prompts by template name
 */
public record ResolvedPrompts(String variant, Map<String, ResolvedPrompt> prompts) {

    public ResolvedPrompts {
        prompts = Map.copyOf(prompts);
    }

    public String body(String name) {
        ResolvedPrompt prompt = prompts.get(name);
        if (prompt == null) {
            throw new IllegalStateException("No prompt template named " + name);
        }
        return prompt.body();
    }

    /** What to record on the answer: name, scope, version and label of each template, by name. */
    public List<PromptUse> uses() {
        return prompts.values()
            .stream()
            .sorted(java.util.Comparator.comparing(ResolvedPrompt::name))
            .map(prompt -> new PromptUse(prompt.name(), prompt.scope(), prompt.version(), prompt.label()))
            .toList();
    }

    /** One template version and the label it was reached through. */
    public record ResolvedPrompt(String name, String scope, int version, String label, String body) {
    }

    /** A template version used for an answer, as stored on the message. */
    public record PromptUse(String name, String scope, int version, String label) {
    }
}
