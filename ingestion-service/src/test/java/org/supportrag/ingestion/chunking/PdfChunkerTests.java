package org.supportrag.ingestion.chunking;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TokenCounter;

import static org.assertj.core.api.Assertions.assertThat;

class PdfChunkerTests {

    private static final TokenCounter TOKENS = TokenCounter.bundled();

    private final PdfChunker chunker = new PdfChunker(TOKENS, ChunkingSettings.defaults());

    private static final String COVERAGE = "Every device we sell carries a two-year limited warranty from the date of "
            + "delivery. The warranty covers manufacturing defects in materials and workmanship under normal use, "
            + "including failures of the display, the keyboard, the ports and the power supply.";

    private static final String REPAIRS = "To start a repair, open Orders, choose the device and select Request repair. "
            + "We email a prepaid shipping label within one business day. Repairs under warranty are free of charge "
            + "and usually take five to seven business days from the moment the device arrives.";

    @Test
    void putsThePageNumberIntoEachChunksSectionPath() {
        ChunkedDocument document = chunker.chunk("Warranty and repairs", List.of(COVERAGE, REPAIRS), "warranty.pdf");

        assertThat(document.title()).isEqualTo("Warranty and repairs");
        assertThat(document.chunks()).extracting(Chunk::sectionPath)
            .containsExactly("Warranty and repairs > p. 1", "Warranty and repairs > p. 2");
        assertThat(document.chunks()).extracting(Chunk::text).containsExactly(COVERAGE, REPAIRS);
        assertThat(document.chunks()).allSatisfy(chunk -> assertThat(chunk.tokenCount()).isEqualTo(TOKENS.count(chunk.text())));
    }

    @Test
    void skipsBlankPagesWithoutRenumberingTheOthers() {
        ChunkedDocument document = chunker.chunk("Manual", List.of(COVERAGE, "", "  ", REPAIRS), "manual.pdf");

        assertThat(document.chunks()).extracting(Chunk::sectionPath).containsExactly("Manual > p. 1", "Manual > p. 4");
    }

    @Test
    void mergesAShortPageWithTheNextAndNamesThePageRange() {
        ChunkedDocument document = chunker.chunk("Manual", List.of("Acme Laptop 14\nUser manual", COVERAGE, REPAIRS),
                "manual.pdf");

        assertThat(document.chunks()).extracting(Chunk::sectionPath).containsExactly("Manual > p. 1–2", "Manual > p. 3");
        assertThat(document.chunks().getFirst().text()).startsWith("Acme Laptop 14\nUser manual\n\nEvery device");
    }

    @Test
    void splitsAPageAboveTheSizeLimitIntoChunksOfThatPage() {
        String longPage = IntStream.range(0, 12).mapToObj(i -> "Paragraph " + i + ". " + COVERAGE)
            .collect(Collectors.joining("\n\n"));

        ChunkedDocument document = chunker.chunk("Manual", List.of(COVERAGE, longPage), "manual.pdf");

        assertThat(document.chunks()).hasSizeGreaterThan(2);
        assertThat(document.chunks().subList(1, document.chunks().size())).allSatisfy(chunk -> {
            assertThat(chunk.sectionPath()).isEqualTo("Manual > p. 2");
            assertThat(chunk.tokenCount()).isLessThanOrEqualTo(ChunkingSettings.defaults().maxTokens());
        });
        assertThat(Fixtures.words(document.chunks())).containsAll(Fixtures.words(longPage));
    }

    @Test
    void fallsBackToTheFirstShortLineThenTheFileNameForTheTitle() {
        assertThat(chunker.chunk(null, List.of("Warranty terms\n\n" + COVERAGE), "docs/warranty-2024.pdf").title())
            .isEqualTo("Warranty terms");
        assertThat(chunker.chunk(null, List.of(COVERAGE), "docs/warranty-2024.pdf").title()).isEqualTo("warranty-2024");
    }
}
