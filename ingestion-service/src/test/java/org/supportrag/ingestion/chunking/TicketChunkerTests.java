package org.supportrag.ingestion.chunking;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TokenCounter;

import static org.assertj.core.api.Assertions.assertThat;

class TicketChunkerTests {

    private static final TokenCounter TOKENS = TokenCounter.bundled();

    private static final Ticket LABELS = new Ticket("PCL-1001", "Labels print too small", "solved", "resolved",
            List.of("printing"), List.of(
                    new Ticket.Message(true, "Dana", "My shipping labels come out tiny on the Zebra printer."),
                    new Ticket.Message(true, "Dana", "It started after the update yesterday."),
                    new Ticket.Message(false, "Sam", "Set the label size to 4x6 in Settings > Printing and reprint."),
                    new Ticket.Message(true, "Dana", "That fixed it. Can I make 4x6 the default for all stores?"),
                    new Ticket.Message(false, "Sam", "Yes: Settings > Printing > Default size applies to every store."),
                    new Ticket.Message(true, "Dana", "Thanks!")));

    @Test
    void makesAChunkPerQuestionAndResolutionPairPlusOneForTheThread() {
        ChunkedDocument document = new TicketChunker(TOKENS, ChunkingSettings.defaults()).chunk(LABELS);

        assertThat(document.title()).isEqualTo("Ticket PCL-1001: Labels print too small");
        assertThat(document.chunks().stream().map(Chunk::sectionPath)).containsExactly(
                "Ticket PCL-1001: Labels print too small > Q&A 1: My shipping labels come out tiny on the Zebra "
                        + "printer. It started after the update yesterday.",
                "Ticket PCL-1001: Labels print too small > Q&A 2: That fixed it. Can I make 4x6 the default for all "
                        + "stores?",
                "Ticket PCL-1001: Labels print too small > Thread");
        assertThat(document.chunks().get(0).text()).isEqualTo("Resolution: Set the label size to 4x6 in Settings > "
                + "Printing and reprint.");
        assertThat(document.chunks().get(1).text()).contains("Default size applies");
        assertThat(document.chunks().get(2).text()).contains("Outcome: resolved", "Agent: Yes:");
    }

    @Test
    void aTicketChunkCarriesTheAgentsResolutionAndNeverTheCustomersComplaint() {
        ChunkedDocument document = new TicketChunker(TOKENS, ChunkingSettings.defaults()).chunk(LABELS);

        assertThat(document.chunks()).allSatisfy(chunk -> assertThat(chunk.text())
            .doesNotContain("come out tiny", "It started after the update", "That fixed it", "Thanks!"));
        assertThat(document.chunks().get(0).text()).contains("Set the label size to 4x6");
        // The question stays searchable: it is part of what gets embedded, as the section path.
        assertThat(document.chunks().get(0).embeddingText()).contains("come out tiny");
    }

    @Test
    void shortensLongQuestionsInTheSectionPathAtAWordBoundary() {
        String question = "word ".repeat(100);

        assertThat(TicketChunker.shortened(question)).hasSizeLessThanOrEqualTo(TicketChunker.QUESTION_CHARS + 2)
            .endsWith(" …");
    }

    @Test
    void aQuestionWithoutAnAnswerOnlyAppearsInTheThread() {
        Ticket open = new Ticket("7", "Refund?", "open", "open", List.of(),
                List.of(new Ticket.Message(true, null, "Where is my refund?")));

        ChunkedDocument document = new TicketChunker(TOKENS, ChunkingSettings.defaults()).chunk(open);

        assertThat(document.chunks()).singleElement().satisfies(chunk -> {
            assertThat(chunk.sectionPath()).endsWith("> Thread");
            assertThat(chunk.text()).contains(TicketChunker.NO_REPLY).doesNotContain("Where is my refund?");
        });
    }
}
