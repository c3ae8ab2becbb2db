package org.supportrag.ingestion.chunking;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TokenCounter;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextChunkerTests {

    private static final TokenCounter TOKENS = TokenCounter.bundled();

    private final String passwordReset = Fixtures.read("password-reset.txt");

    @Test
    void usesAShortFirstLineAsTheTitleAndSectionPath() {
        ChunkedDocument document = new PlainTextChunker(TOKENS, ChunkingSettings.defaults())
            .chunk(passwordReset, "help/password-reset.txt");

        assertThat(document.title()).isEqualTo("Resetting your password");
        assertThat(document.chunks()).isNotEmpty()
            .allSatisfy(chunk -> assertThat(chunk.sectionPath()).isEqualTo("Resetting your password"));
    }

    @Test
    void usesTheFileNameAsTitleWhenTheFirstLineIsTooLongForOne() {
        String text = "\n\n" + "This first line is a long sentence that goes on and on about account security, sessions, "
                + "devices and sign-in codes without ever stopping.\nSecond line.";

        ChunkedDocument document = new PlainTextChunker(TOKENS, ChunkingSettings.defaults()).chunk(text, "notes/security.text");

        assertThat(document.title()).isEqualTo("security");
        assertThat(document.chunks()).singleElement().satisfies(chunk -> {
            assertThat(chunk.sectionPath()).isEqualTo("security");
            assertThat(chunk.text()).startsWith("This first line").endsWith("Second line.");
        });
    }

    @Test
    void packsSmallParagraphsTogetherUpToTheLimit() {
        List<Chunk> chunks = new PlainTextChunker(TOKENS, ChunkingSettings.defaults()).chunk(passwordReset, "p.txt").chunks();

        // The whole article is about 280 tokens: one chunk, paragraphs kept apart by blank lines.
        assertThat(TOKENS.count(passwordReset)).isLessThanOrEqualTo(300);
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.text()).isEqualTo(passwordReset.strip());
            assertThat(chunk.tokenCount()).isEqualTo(TOKENS.count(passwordReset.strip()));
        });
    }

    @Test
    void splitsParagraphsThenSentencesWithOverlapWithinTheLimit() {
        ChunkingSettings settings = new ChunkingSettings(60, 15, 10);

        List<Chunk> chunks = new PlainTextChunker(TOKENS, settings).chunk(passwordReset, "p.txt").chunks();

        assertThat(chunks).hasSizeGreaterThan(4).allSatisfy(chunk -> {
            assertThat(chunk.text()).isNotBlank();
            assertThat(TOKENS.count(chunk.text())).isEqualTo(chunk.tokenCount()).isLessThanOrEqualTo(60);
        });
        // The last paragraph (about 120 tokens) can only fit when cut at sentence boundaries.
        assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.text()).contains("After five failed sign-in attempts")
            .doesNotContain("Support can never see"));
        // A chunk that starts inside a paragraph starts with the end of the previous chunk. (At a paragraph start the
        // overlap may be dropped when it does not fit next to the whole paragraph.)
        List<String> paragraphStarts = Arrays.stream(passwordReset.split("\n\n")).map(p -> Fixtures.firstWords(p, 3)).toList();
        int overlapping = 0;
        for (int i = 1; i < chunks.size(); i++) {
            String start = Fixtures.firstWords(chunks.get(i).text(), 3);
            if (!paragraphStarts.contains(start)) {
                assertThat(chunks.get(i - 1).text()).contains(start);
                overlapping++;
            }
        }
        assertThat(overlapping).isGreaterThan(1);
        assertThat(Fixtures.words(chunks)).containsAll(Fixtures.words(passwordReset));
    }

    @Test
    void splitsASingleEndlessParagraphWithoutSentencesByWords() {
        String text = "Log\n\n" + "word ".repeat(2000);

        List<Chunk> chunks = new PlainTextChunker(TOKENS, ChunkingSettings.defaults()).chunk(text, "log.txt").chunks();

        assertThat(chunks).hasSizeGreaterThan(6)
            .allSatisfy(chunk -> assertThat(TOKENS.count(chunk.text())).isLessThanOrEqualTo(300));
    }

    @Test
    void producesNoChunksForWhitespace() {
        ChunkedDocument document = new PlainTextChunker(TOKENS, ChunkingSettings.defaults()).chunk(" \n\t\n  ", "blank.txt");

        assertThat(document.chunks()).isEmpty();
        assertThat(document.title()).isEqualTo("blank");
    }
}
