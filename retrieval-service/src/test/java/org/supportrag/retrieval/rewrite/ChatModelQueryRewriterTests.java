package org.supportrag.retrieval.rewrite;

import org.junit.jupiter.api.Test;

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
}
