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

    /** Names of a help center like the demo's: page titles and section paths. */
    private static final KnowledgeBaseEntities HELP_CENTER = KnowledgeBaseEntities.of(List.of("Plans and pricing",
            "Plans and pricing > Annual billing", "Plans and pricing > Pro plan", "Voiding labels",
            "Voiding labels > Refund times by carrier", "Supported carriers and carrier accounts",
            "Supported carriers and carrier accounts > UPS", "Returns portal > Return window",
            "Billing, payment methods and invoices > Failed payments"));

    @Test
    void borrowsTheTopicOfTheEarlierTurnsForAFollowUp() {
        assertThat(rewriter.standalone("How long does it take?", HISTORY)).startsWith("How long does it take?")
            .contains("return", "zephyr", "headphones");
        assertThat(rewriter.standalone("And the refund?", HISTORY)).startsWith("And the refund?").contains("zephyr");
    }

    @Test
    void leavesASelfContainedQuestionAndAnEmptyHistoryAlone() {
        String question = "How do I change the billing address on my invoice?";

        assertThat(rewriter.standalone(question, HISTORY)).isEqualTo(question);
        assertThat(rewriter.standalone("How long does it take?", List.of())).isEqualTo("How long does it take?");
        assertThat(rewriter.standalone("What does the Pro plan cost on annual billing?",
                List.of(new ConversationTurn("user", "How do I void a label?")), HELP_CENTER))
            .isEqualTo("What does the Pro plan cost on annual billing?");
    }

    @Test
    void carriesForwardTheEntityTheAgentNamedNotOnlyTheCustomer() {
        // Before: only customer turns lent words, so the plan the agent named was lost.
        List<ConversationTurn> history = List.of(new ConversationTurn("user", "Which plan do I need for 800 labels?"),
                new ConversationTurn("assistant", "The Pro plan covers up to 1,000 labels a month for $49."));

        String query = rewriter.standalone("and on annual billing?", history, HELP_CENTER);

        assertThat(query).startsWith("and on annual billing?").contains("pro", "plan");
    }

    @Test
    void carriesForwardTheKnowledgeBasesNameForWhatTheConversationIsAbout() {
        List<ConversationTurn> history = List.of(
                new ConversationTurn("user", "I printed a label by mistake, can I void it?"),
                new ConversationTurn("assistant", "Yes: voiding labels is possible within 30 days if unscanned."));

        String query = rewriter.standalone("how long does that take for UPS?", history, HELP_CENTER);

        assertThat(query).startsWith("how long does that take for UPS?").contains("voiding", "labels");
    }

    @Test
    void prefersTheKnowledgeBasesOwnWordsAndTheLatestTurn() {
        List<ConversationTurn> history = List.of(new ConversationTurn("user", "hello, quick question about labels"),
                new ConversationTurn("assistant", "Sure, what would you like to know?"),
                new ConversationTurn("user", "I want to take money out of my wallet somehow"),
                new ConversationTurn("assistant", "Support can refund the wallet balance to your card."));

        String query = rewriter.standalone("how long does that take?", history, KnowledgeBaseEntities.of(List.of(
                "Postage wallet > Getting your balance back", "Refunds and cancellations", "Creating labels")));

        // The knowledge base's words of the latest turn first; the greeting two turns back is out of reach.
        assertThat(query).startsWith("how long does that take? refund wallet balance").doesNotContain("labels");
    }

    @Test
    void looksPastAPoliteExchangeThatNamesNothingToTheTurnsThatNamedTheTopic() {
        // Before: only the last two turns lent words, so "ok thanks" / "anything else?" pushed the topic out of reach.
        List<ConversationTurn> history = List.of(
                new ConversationTurn("user", "I printed a label by mistake, can I void it?"),
                new ConversationTurn("assistant", "Yes: voiding labels is possible within 30 days if unscanned."),
                new ConversationTurn("user", "ok thanks"),
                new ConversationTurn("assistant", "You're welcome! Is there anything else I can help you with?"));

        String query = rewriter.standalone("how long does that take for UPS?", history, HELP_CENTER);

        assertThat(query).startsWith("how long does that take for UPS?")
            .contains("voiding", "labels")
            .doesNotContain("welcome");
    }

    @Test
    void looksNoFurtherBackThanTheConfiguredTurns() {
        List<ConversationTurn> history = List.of(
                new ConversationTurn("user", "I printed a label by mistake, can I void it?"),
                new ConversationTurn("assistant", "Of course."), new ConversationTurn("user", "ok thanks"),
                new ConversationTurn("assistant", "You're welcome! Anything else?"));

        String query = new OfflineQueryRewriter(3).standalone("how long does that take?", history, HELP_CENTER);

        assertThat(query).doesNotContain("void");
    }

    @Test
    void matchesEntitiesByAllTheirTermsWeightedBySpecificity() {
        assertThat(HELP_CENTER.mentionedIn("The Pro plan is $49", 0.99)).extracting(KnowledgeBaseEntities.Entity::text)
            .contains("Pro plan")
            .doesNotContain("Annual billing");
        assertThat(HELP_CENTER.weight("plan")).isLessThan(HELP_CENTER.weight("ups"));
        assertThat(HELP_CENTER.names("zephyr")).isFalse();
    }
}
