package org.supportrag.retrieval.rewrite;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;

import static org.assertj.core.api.Assertions.assertThat;

class RewritePromptTests {

    @Test
    void givesTheLastTurnsBySpeakerAndThenTheQuestion() {
        List<ConversationTurn> history = List.of(new ConversationTurn("user", "Hello"),
                new ConversationTurn("assistant", "Hi, how can I help?"),
                new ConversationTurn("user", " My Zephyr headphones stopped charging. "),
                new ConversationTurn("assistant", "Sorry to hear that. They are under warranty."));

        String prompt = new RewritePrompt(3).render(" How do I claim it? ", history, List.of("Zephyr headphones", "Warranty"));

        assertThat(prompt).contains("""
                Conversation so far:
                Assistant: Hi, how can I help?
                Customer: My Zephyr headphones stopped charging.
                Assistant: Sorry to hear that. They are under warranty.

                Help-center topics the conversation mentions: Zephyr headphones; Warranty

                Last question: How do I claim it?
                """).doesNotContain("Hello");
    }

    @Test
    void insertsConversationTextAsItIsNeverAsAPlaceholder() {
        List<ConversationTurn> history = List.of(new ConversationTurn("user", "What do <question> and <history> do?"));

        String prompt = new RewritePrompt(6).render("And <b>this</b>?", history, List.of());

        assertThat(prompt).contains("Customer: What do <question> and <history> do?")
            .contains("Help-center topics the conversation mentions: (none)")
            .contains("Last question: And <b>this</b>?");
    }
}
