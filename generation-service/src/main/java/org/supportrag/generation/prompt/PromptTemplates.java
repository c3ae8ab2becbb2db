package org.supportrag.generation.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.stringtemplate.v4.ST;
import org.stringtemplate.v4.STErrorListener;
import org.stringtemplate.v4.STGroup;
import org.stringtemplate.v4.misc.STMessage;

/**
 * Compiles and renders StringTemplate prompts with {@code '{' '}'} delimiters, the syntax of Spring AI's
 * {@code PromptTemplate}, so the bundled {@code prompts/*.st} files work unchanged.
 */
public final class PromptTemplates {

    public static final int MAX_BODY_CHARS = 20_000;

    private PromptTemplates() {
    }

    /** Renders {@code body}; fails on template errors instead of rendering a silently broken prompt. */
    public static String render(String body, Map<String, ?> attributes) {
        Errors errors = new Errors();
        String rendered = render(body, attributes, errors);
        if (!errors.messages.isEmpty()) {
            throw new IllegalStateException("Prompt template failed to render: " + errors.messages);
        }
        return rendered;
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
        Errors errors = new Errors();
        String rendered = render(body, markers, errors);
        errors.messages.forEach(message -> problems.add("body: " + message));
        if (errors.messages.isEmpty()) {
            for (String attribute : required) {
                if (!rendered.contains(markers.get(attribute))) {
                    problems.add("body: must use {" + attribute + "}");
                }
            }
        }
        return problems;
    }

    private static String render(String body, Map<String, ?> attributes, Errors errors) {
        STGroup group = new STGroup('{', '}');
        group.setListener(errors);
        ST template;
        try {
            template = new ST(group, body);
        }
        catch (RuntimeException ex) {
            // Syntax errors are reported to the listener, then thrown.
            if (errors.messages.isEmpty()) {
                errors.messages.add("not a valid template (" + ex.getClass().getSimpleName() + ")");
            }
            return "";
        }
        if (!errors.messages.isEmpty()) {
            return "";
        }
        attributes.forEach(template::add);
        return template.render();
    }

    /** Collects StringTemplate's messages, which it would otherwise print to stderr. */
    private static final class Errors implements STErrorListener {

        final List<String> messages = new ArrayList<>();

        @Override
        public void compileTimeError(STMessage message) {
            messages.add(describe(message));
        }

        @Override
        public void runTimeError(STMessage message) {
            messages.add(describe(message));
        }

        @Override
        public void IOError(STMessage message) {
            messages.add(describe(message));
        }

        @Override
        public void internalError(STMessage message) {
            messages.add(describe(message));
        }

        private static String describe(STMessage message) {
            // Without the self template: its toString would repeat the whole body.
            String text = message.toString().replace('\n', ' ').strip();
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }
    }
}
