package org.supportrag.defaults.embedding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCounterTests {

    private final TokenCounter counter = TokenCounter.bundled();

    @Test
    void countsWordPieceTokensWithoutSpecialTokens() {
        // how / do / i / reset / my / password / ?
        assertThat(counter.count("How do I reset my password?")).isEqualTo(7);
    }

    @Test
    void countsAnEmptyTextAsZero() {
        assertThat(counter.count("")).isZero();
    }

    @Test
    void countsTextsLongerThanTheModelLimitInFull() {
        assertThat(counter.count("password reset ".repeat(700))).isEqualTo(1400);
    }

    @Test
    void splitsUnknownWordsIntoSeveralPieces() {
        assertThat(counter.count("supercalifragilisticexpialidocious")).isGreaterThan(1);
    }

    @Test
    void truncatesModelInputToTheLimitKeepingTheClosingToken() {
        ModelTokenizer tokenizer = ModelTokenizer.bundled();

        long[] ids = tokenizer.encodeForModel("password reset ".repeat(700), 512);
        long[] shortIds = tokenizer.encodeForModel("password reset", 512);

        assertThat(ids).hasSize(512);
        assertThat(ids[0]).isEqualTo(shortIds[0]);
        assertThat(ids[511]).isEqualTo(shortIds[shortIds.length - 1]);
        assertThat(shortIds).hasSize(4);
    }

    @Test
    void switchesDjlToOfflineMode() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }
}
