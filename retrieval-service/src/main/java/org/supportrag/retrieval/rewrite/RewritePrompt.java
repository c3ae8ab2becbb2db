package org.supportrag.retrieval.rewrite;

import java.util.List;
import java.util.Map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.io.ClassPathResource;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.defaults.prompt.StringTemplates;

/**
 * The rewrite prompt ({@code prompts/rewrite-query.st}, placeholders {@code <history>}, {@code <names>} and
 * {@code <question>}): the last turns labelled by speaker, the knowledge base's names they mention, then the question. Rendered by StringTemplate, so conversation text is inserted as
 * it is and never read as a placeholder.
 */
final class RewritePrompt {

    static final String RESOURCE = "prompts/rewrite-query.st";

    private final String template;
    private final int maxTurns;

    RewritePrompt(int maxTurns) {
        this.maxTurns = maxTurns;
        try {
            this.template = new ClassPathResource(RESOURCE).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    Prompt create(String question, List<ConversationTurn> history, List<String> names) {
        return new Prompt(render(question, history, names));
    }

    String render(String question, List<ConversationTurn> history, List<String> names) {
        return StringTemplates.render(template, variables(question, history, names), '<', '>');
    }

    private Map<String, Object> variables(String question, List<ConversationTurn> history, List<String> names) {
        StringBuilder turns = new StringBuilder();
        for (ConversationTurn turn : history.subList(Math.max(0, history.size() - maxTurns), history.size())) {
            turns.append(turn.fromUser() ? "Customer: " : "Assistant: ").append(turn.text().strip()).append('\n');
        }
        return Map.of("history", turns.toString().strip(), "question", question.strip(), "names",
                names.isEmpty() ? "(none)" : String.join("; ", names));
    }
}
