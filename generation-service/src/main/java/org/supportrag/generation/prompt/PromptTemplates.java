package org.supportrag.generation.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.supportrag.defaults.prompt.StringTemplates;

/**
 * Generation's prompt templates: rendered by the one renderer ({@link StringTemplates}, {@code '{' '}'}
 * delimiters), and checked before a new version is stored.
 */
public final class PromptTemplates {

    public static final int MAX_BODY_CHARS = 20_000;

    private PromptTemplates() {
    }

    /** Renders {@code body}; fails on template errors instead of rendering a silently broken prompt. */
    public static String render(String body, Map<String, ?> attributes) {
        return StringTemplates.render(body, attributes);
    }

    /** Problems of a new version of template {@code name}; empty when it may be stored. */
    public static List<String> validate(String name, String body) {
        List<String> problems = new ArrayList<>();
        if (body.isBlank()) {
            problems.add("body: must not be blank");
            return problems;
        }
        if (body.length() > MAX_BODY_CHARS) {
            problems.add("body: must be at most " + MAX_BODY_CHARS + " characters");
            return problems;
        }
        List<String> required = PromptNames.requiredAttributes(name);
        // Unique markers show whether each attribute really ends up in the rendered prompt.
        Map<String, String> markers = new java.util.LinkedHashMap<>();
        for (String attribute : required) {
            markers.put(attribute, "\u0001" + attribute + "\u0002");
        }
        StringTemplates.Rendering rendering = StringTemplates.tryRender(body, markers, '{', '}');
        String rendered = rendering.text();
        rendering.errors().forEach(message -> problems.add("body: " + message));
        if (rendering.errors().isEmpty()) {
            for (String attribute : required) {
                if (!rendered.contains(markers.get(attribute))) {
                    problems.add("body: must use {" + attribute + "}");
                }
            }
        }
        return problems;
    }
}
