package org.supportrag.defaults.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.stringtemplate.v4.ST;
import org.stringtemplate.v4.STErrorListener;
import org.stringtemplate.v4.STGroup;
import org.stringtemplate.v4.misc.STMessage;

/**
 * Renders StringTemplate prompts (the {@code resources/prompts/*.st} files and admin-edited templates), by default
 * with {@code '{' '}'} delimiters, the syntax of Spring AI's {@code PromptTemplate}. Unlike that class it collects
 * every compile and render error, so a broken template fails instead of rendering a silently broken prompt.
 */
public final class StringTemplates {

    private StringTemplates() {
    }

    /** What rendering produced: the text, and StringTemplate's errors (empty when it rendered cleanly). */
    public record Rendering(String text, List<String> errors) {
    }

    /** Renders {@code body} with {@code '{' '}'} delimiters; fails on template errors. */
    public static String render(String body, Map<String, ?> attributes) {
        return render(body, attributes, '{', '}');
    }

    /** Renders {@code body} with the given delimiters; fails on template errors. */
    public static String render(String body, Map<String, ?> attributes, char start, char end) {
        Rendering rendering = tryRender(body, attributes, start, end);
        if (!rendering.errors().isEmpty()) {
            throw new IllegalStateException("Prompt template failed to render: " + rendering.errors());
        }
        return rendering.text();
    }

    /** Renders {@code body}, reporting errors instead of failing (for checking a template before it is stored). */
    public static Rendering tryRender(String body, Map<String, ?> attributes, char start, char end) {
        Errors errors = new Errors();
        STGroup group = new STGroup(start, end);
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
            return new Rendering("", List.copyOf(errors.messages));
        }
        if (!errors.messages.isEmpty()) {
            return new Rendering("", List.copyOf(errors.messages));
        }
        attributes.forEach(template::add);
        String text = template.render();
        return new Rendering(text, List.copyOf(errors.messages));
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
