package org.supportrag.ingestion.chunking;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TokenCounter;

import static org.assertj.core.api.Assertions.assertThat;

class ContractChunkerTests {

    private static final TokenCounter TOKENS = TokenCounter.bundled();

    private final String agreement = Fixtures.read("master-services-agreement.md");

    @Test
    void chunksByNumberedClausesKeepingClauseNumbersAndHeadings() {
        ChunkedDocument document = new ContractChunker(TOKENS, new ChunkingSettings(120, 0, 0)).chunk(agreement, "msa.md");

        assertThat(document.title()).isEqualTo("Master Services Agreement");
        List<String> paths = document.chunks().stream().map(Chunk::sectionPath).toList();
        assertThat(paths).contains("Master Services Agreement > Preamble",
                "Master Services Agreement > 2 Fees and Payment > 2.1",
                "Master Services Agreement > 4 Limitation of Liability > 4.2");
        assertThat(paths).doesNotContain("Master Services Agreement > 2 Fees and Payment");
        Chunk payment = chunkAt(document, "Master Services Agreement > 2 Fees and Payment > 2.1");
        assertThat(payment.text()).startsWith("2.1 Customer shall pay").contains("fourteen (14)");
        // Every clause's text starts with its number: citations can name the clause.
        assertThat(document.chunks().stream().filter(chunk -> !chunk.sectionPath().endsWith("Preamble")))
            .allSatisfy(chunk -> assertThat(chunk.text()).matches("(?s)^\\d+(\\.\\d+)*\\.? .*"));
    }

    @Test
    void mergesSmallSiblingClausesUnderTheirHeading() {
        ChunkedDocument document = new ContractChunker(TOKENS, ChunkingSettings.defaults()).chunk(agreement, "msa.md");

        Chunk definitions = chunkAt(document, "Master Services Agreement > 1 Definitions > 1.1–1.3");
        assertThat(definitions.text()).contains("1.1 \"Services\"", "1.2 \"Order Form\"", "1.3 \"Business Day\"");
    }

    @Test
    void readsArticleAndSectionStyleHeadings() {
        String contract = """
                DATA PROCESSING AGREEMENT

                ARTICLE I - SUBJECT MATTER
                The processor processes personal data only on documented instructions from the controller.

                ARTICLE II - SUB-PROCESSORS
                Section 2.1 The processor shall not engage another processor without prior written authorisation.
                """;

        ChunkedDocument document = new ContractChunker(TOKENS, new ChunkingSettings(300, 0, 0)).chunk(contract, "dpa.txt");

        assertThat(document.title()).isEqualTo("DATA PROCESSING AGREEMENT");
        assertThat(document.chunks().stream().map(Chunk::sectionPath))
            .contains("DATA PROCESSING AGREEMENT > I SUBJECT MATTER", "DATA PROCESSING AGREEMENT > II SUB-PROCESSORS > 2.1");
    }

    private static Chunk chunkAt(ChunkedDocument document, String path) {
        return document.chunks().stream().filter(chunk -> chunk.sectionPath().equals(path)).findFirst()
            .orElseThrow(() -> new AssertionError(path + " not in " + document.chunks().stream().map(Chunk::sectionPath).toList()));
    }
}
