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
                "Ticket PCL-1001: Labels print too small > Q&A 1", "Ticket PCL-1001: Labels print too small > Q&A 2",
                "Ticket PCL-1001: Labels print too small > Thread");
        assertThat(document.chunks().get(0).text()).startsWith("Question: My shipping labels come out tiny")
            .contains("It started after the update yesterday.", "Resolution: Set the label size to 4x6");
        assertThat(document.chunks().get(1).text()).contains("make 4x6 the default", "Default size applies");
        assertThat(document.chunks().get(2).text()).contains("Outcome: resolved", "Customer: Thanks!", "Agent: Yes:");
    }

    @Test
    void aQuestionWithoutAnAnswerOnlyAppearsInTheThread() {
        Ticket open = new Ticket("7", "Refund?", "open", "open", List.of(),
                List.of(new Ticket.Message(true, null, "Where is my refund?")));

        ChunkedDocument document = new TicketChunker(TOKENS, ChunkingSettings.defaults()).chunk(open);

        assertThat(document.chunks()).singleElement()
            .satisfies(chunk -> assertThat(chunk.sectionPath()).endsWith("> Thread"));
    }
}
