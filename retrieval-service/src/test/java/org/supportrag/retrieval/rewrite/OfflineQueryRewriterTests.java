package org.supportrag.retrieval.rewrite;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineQueryRewriterTests {

    private final OfflineQueryRewriter rewriter = new OfflineQueryRewriter(6);

    private static final List<ConversationTurn> HISTORY = List.of(
            new ConversationTurn("user", "Can I return my Zephyr headphones?"),
            new ConversationTurn("assistant", "Yes, within 30 days of delivery."));

    @Test
    void borrowsTheTopicOfTheEarlierUserTurnForAFollowUp() {
        assertThat(rewriter.standalone("How long does it take?", HISTORY))
            .isEqualTo("How long does it take? return zephyr headphones");
        assertThat(rewriter.standalone("And the refund?", HISTORY)).startsWith("And the refund?").contains("zephyr");
    }

    @Test
    void leavesASelfContainedQuestionAndAnEmptyHistoryAlone() {
        String question = "How do I change the billing address on my invoice?";

        assertThat(rewriter.standalone(question, HISTORY)).isEqualTo(question);
        assertThat(rewriter.standalone("How long does it take?", List.of())).isEqualTo("How long does it take?");
    }

    @Test
    void ignoresAssistantTurns() {
        List<ConversationTurn> onlyAssistant = List.of(new ConversationTurn("assistant", "Zephyr headphones ship free."));

        assertThat(rewriter.standalone("How long does it take?", onlyAssistant)).isEqualTo("How long does it take?");
    }
}
