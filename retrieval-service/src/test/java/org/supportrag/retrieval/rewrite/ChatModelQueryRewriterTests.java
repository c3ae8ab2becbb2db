package org.supportrag.retrieval.rewrite;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;

import static org.assertj.core.api.Assertions.assertThat;

class ChatModelQueryRewriterTests {

    @Test
    void takesTheModelsAnswerWithoutSurroundingSpaceOrQuotes() {
        assertThat(ChatModelQueryRewriter.usable("  \"Zephyr headphones warranty claim\"\n"))
            .isEqualTo("Zephyr headphones warranty claim");
    }

    @Test
    void rejectsAnEmptyOrOverlongAnswer() {
        assertThat(ChatModelQueryRewriter.usable(null)).isNull();
        assertThat(ChatModelQueryRewriter.usable(" \"\" ")).isNull();
        assertThat(ChatModelQueryRewriter.usable("word ".repeat(200))).isNull();
    }

    @Test
    void givesTheModelTheKnowledgeBasesNamesTheConversationMentionedWhoeverMentionedThem() {
        List<ConversationTurn> history = List.of(
                new ConversationTurn("user", "I printed the wrong label"),
                new ConversationTurn("assistant",
                        "You can void it: see Voiding labels. The Pro plan has no limit on voids."));
        KnowledgeBaseEntities entities = KnowledgeBaseEntities.of(List.of("Voiding labels",
                "Plans and pricing > Pro plan", "Webhooks"));

        assertThat(ChatModelQueryRewriter.named(history, entities, 6)).containsExactlyInAnyOrder("Voiding labels",
                "Pro plan");
    }
}
