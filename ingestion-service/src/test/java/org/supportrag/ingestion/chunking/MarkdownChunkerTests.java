package org.supportrag.ingestion.chunking;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TokenCounter;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownChunkerTests {

    private static final TokenCounter TOKENS = TokenCounter.bundled();

    private final MarkdownChunker chunker = new MarkdownChunker(TOKENS, ChunkingSettings.defaults());

    private final String billing = Fixtures.read("billing-and-refunds.md");

    @Test
    void usesTheFirstH1AsTheTitleAndRootOfEverySectionPath() {
        ChunkedDocument document = chunker.chunk(billing, "billing-and-refunds.md");

        assertThat(document.title()).isEqualTo("Billing and refunds");
        assertThat(document.chunks()).isNotEmpty()
            .allSatisfy(chunk -> assertThat(chunk.sectionPath()).startsWith("Billing and refunds"));
        assertThat(document.chunks()).map(Chunk::sectionPath)
            .contains("Billing and refunds > Invoices", "Billing and refunds > Refunds > How to request a refund",
                    "Billing and refunds > Cancelling a subscription")
            .noneMatch(path -> path.startsWith("Billing and refunds > Billing and refunds"));
    }

    @Test
    void fallsBackToTheFileNameWhenThereIsNoH1() {
        String markdown = """
                ## Exporting data

                Go to Settings > Data and choose Export. The archive is emailed to you within an hour.

                ## Deleting data

                Deleting a workspace removes all of its data after a grace period of thirty days.
                """;

        ChunkedDocument document = new MarkdownChunker(TOKENS, new ChunkingSettings(300, 40, 0))
            .chunk(markdown, "docs/data/export-guide.md");

        assertThat(document.title()).isEqualTo("export-guide");
        assertThat(document.chunks()).map(Chunk::sectionPath)
            .containsExactly("export-guide > Exporting data", "export-guide > Deleting data");
    }

    @Test
    void ignoresHashLinesInsideFencedCodeBlocks() {
        ChunkedDocument document = chunker.chunk(billing, "billing-and-refunds.md");

        assertThat(document.chunks()).map(Chunk::sectionPath)
            .noneMatch(path -> path.contains("install the CLI") || path.contains("then look up"));
        Chunk howTo = document.chunks()
            .stream()
            .filter(chunk -> chunk.text().contains("npm install -g @acme/support-cli"))
            .findFirst()
            .orElseThrow();
        assertThat(howTo.sectionPath()).isEqualTo("Billing and refunds > Refunds > How to request a refund");
        assertThat(howTo.text()).contains("# install the CLI first", "# then look up the refund",
                "acme-support refunds show --invoice INV-2024-0042", "The CLI prints the refund state");
    }

    @Test
    void treatsHashesInATildeFenceAsCodeUntilTheMatchingFenceCloses() {
        String markdown = """
                # Deploying

                ~~~~yaml
                # a comment, not a heading
                ~~~
                ## still code: a shorter fence does not close it
                ~~~~

                ## Rollback

                Run the previous release again.
                """;

        ChunkedDocument document = new MarkdownChunker(TOKENS, new ChunkingSettings(300, 40, 0)).chunk(markdown, "d.md");

        assertThat(document.chunks()).map(Chunk::sectionPath).containsExactly("Deploying", "Deploying > Rollback");
        assertThat(document.chunks().getFirst().text()).contains("# a comment, not a heading",
                "## still code: a shorter fence does not close it");
    }

    @Test
    void keepsEveryChunkWithinTheTokenLimit() {
        for (ChunkingSettings settings : List.of(ChunkingSettings.defaults(), new ChunkingSettings(64, 12, 10),
                new ChunkingSettings(24, 6, 4))) {
            List<Chunk> chunks = new MarkdownChunker(TOKENS, settings).chunk(billing, "billing.md").chunks();

            assertThat(chunks).as("max %d", settings.maxTokens()).isNotEmpty().allSatisfy(chunk -> {
                assertThat(TOKENS.count(chunk.text())).isEqualTo(chunk.tokenCount())
                    .isLessThanOrEqualTo(settings.maxTokens());
            });
        }
    }

    @Test
    void splitsASectionAboveTheLimitIntoOverlappingChunksOfTheSameSection() {
        List<Chunk> invoices = chunker.chunk(billing, "billing.md")
            .chunks()
            .stream()
            .filter(chunk -> chunk.sectionPath().equals("Billing and refunds > Invoices"))
            .toList();

        assertThat(invoices).hasSizeGreaterThan(1);
        assertThat(invoices.getFirst().text()).startsWith("## Invoices\n\nInvoices are issued");
        for (int i = 1; i < invoices.size(); i++) {
            // The next chunk opens with the end of the previous one.
            assertThat(invoices.get(i - 1).text()).contains(Fixtures.firstWords(invoices.get(i).text(), 4));
        }
        // Overlap starts at a sentence when one fits.
        assertThat(invoices.get(1).text()).startsWith("Customers in other countries");
        // Paragraph boundaries are preferred: the first chunk ends where a paragraph ends.
        assertThat(invoices.getFirst().text()).endsWith(".");
    }

    @Test
    void mergesTinySiblingSectionsIntoTheirParent() {
        List<Chunk> chunks = chunker.chunk(billing, "billing.md").chunks();

        Chunk plans = chunks.stream().filter(chunk -> chunk.text().contains("Free for up to three seats")).findFirst().orElseThrow();
        // The tiny intro of "Plans and pricing" goes with its subsections, not with the preceding section.
        assertThat(plans.text()).startsWith("## Plans and pricing\n\nAcme Cloud offers three self-service plans")
            .contains("### Starter", "### Team", "Twelve dollars per seat", "### Business", "Twenty-four dollars");
        assertThat(plans.sectionPath()).isEqualTo("Billing and refunds > Plans and pricing");

        Chunk refunds = chunks.stream().filter(chunk -> chunk.text().contains("### Card payments")).findFirst().orElseThrow();
        assertThat(refunds.sectionPath()).isEqualTo("Billing and refunds > Refunds");
        assertThat(refunds.text()).contains("Refunds depend on how you paid", "### Bank transfers");
    }

    @Test
    void doesNotMergeTinySectionsOfDifferentParents() {
        String markdown = """
                # Guide

                ## Accounts

                ### Sign up

                Use your work email.

                ## Billing

                ### Pay

                Use a card.
                """;

        List<Chunk> chunks = new MarkdownChunker(TOKENS, new ChunkingSettings(300, 40, 40)).chunk(markdown, "g.md").chunks();

        assertThat(chunks).map(Chunk::sectionPath).containsExactly("Guide > Accounts > Sign up", "Guide > Billing > Pay");
    }

    @Test
    void producesNoEmptyChunksAndDropsHeadingOnlySections() {
        String markdown = """
                # Title

                ## Empty section

                ##

                ### Child with text

                Some text.


                """;

        List<Chunk> chunks = new MarkdownChunker(TOKENS, new ChunkingSettings(300, 40, 0)).chunk(markdown, "t.md").chunks();

        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.sectionPath()).isEqualTo("Title > Child with text");
            assertThat(chunk.text()).isEqualTo("### Child with text\n\nSome text.");
        });
        assertThat(chunker.chunk("   \n\n  \n", "blank.md").chunks()).isEmpty();
        assertThat(chunker.chunk("# Only a title\n", "title.md").chunks()).isEmpty();
    }

    @Test
    void losesNoTextOfTheDocumentBody() {
        for (ChunkingSettings settings : List.of(ChunkingSettings.defaults(), new ChunkingSettings(32, 8, 8))) {
            List<Chunk> chunks = new MarkdownChunker(TOKENS, settings).chunk(billing, "billing.md").chunks();

            String body = billing.substring(billing.indexOf("# Billing and refunds"));
            assertThat(Fixtures.words(chunks)).containsAll(Fixtures.words(body));
        }
    }

    @Test
    void skipsYamlFrontMatter() {
        List<Chunk> chunks = chunker.chunk(billing, "billing.md").chunks();

        assertThat(chunks).noneMatch(chunk -> chunk.text().contains("owner: support-docs"));
    }

    @Test
    void cleansInlineMarkupFromHeadingsInThePath() {
        String markdown = """
                # The [`acme`](https://acme.example) CLI {#cli}

                ## Using **profiles** ##

                Profiles keep settings for several accounts apart.
                """;

        List<Chunk> chunks = new MarkdownChunker(TOKENS, new ChunkingSettings(300, 40, 0)).chunk(markdown, "cli.md").chunks();

        assertThat(chunks).map(Chunk::sectionPath).containsExactly("The acme CLI > Using profiles");
    }

    @Test
    void embedsTheSectionPathInFrontOfTheText() {
        Chunk chunk = new Chunk("Card payments can be refunded.", "Billing > Refunds", 6);

        assertThat(chunk.embeddingText()).isEqualTo("Billing > Refunds\n\nCard payments can be refunded.");
    }

    @Test
    void splitsAnOversizedCodeBlockByLinesAndAnUnbrokenBlobByCharacters() {
        String code = IntStream.range(0, 200)
            .mapToObj(i -> "    config.set(\"key" + i + "\", value" + i + ");")
            .collect(Collectors.joining("\n"));
        String blob = "A".repeat(3000);
        String markdown = "# Config\n\n```java\n" + code + "\n```\n\n## Blob\n\n" + blob + "\n";

        List<Chunk> chunks = chunker.chunk(markdown, "config.md").chunks();

        assertThat(chunks).hasSizeGreaterThan(3).allSatisfy(chunk -> assertThat(TOKENS.count(chunk.text())).isLessThanOrEqualTo(300));
        Set<String> lines = chunks.stream()
            .filter(chunk -> chunk.sectionPath().equals("Config"))
            .flatMap(chunk -> chunk.text().lines())
            .collect(Collectors.toSet());
        assertThat(lines).contains("    config.set(\"key0\", value0);", "    config.set(\"key199\", value199);");
        String blobText = chunks.stream()
            .filter(chunk -> chunk.sectionPath().equals("Config > Blob"))
            .map(Chunk::text)
            .collect(Collectors.joining());
        assertThat(blobText.replace("## Blob", "").replaceAll("\\s", "")).contains("A".repeat(3000));
    }
}
