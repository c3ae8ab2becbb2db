package org.supportrag.ingestion.chunking;

import java.util.ArrayList;
import java.util.List;

import org.supportrag.defaults.embedding.TokenCounter;

/**
 * Chunks a support ticket as a conversation: one chunk per question/resolution pair (the customer's messages and
 * the agent replies that answer them) and one for the whole thread, split when it is long. Texts are expected to be
 * scrubbed of personal data already.
 */
public final class TicketChunker {

    private static final String PATH_SEPARATOR = " > ";

    private final TextSplitter splitter;

    public TicketChunker(TokenCounter tokens, ChunkingSettings settings) {
        this.splitter = new TextSplitter(tokens, settings);
    }

    public ChunkedDocument chunk(Ticket ticket) {
        String title = "Ticket " + ticket.id() + ": " + ticket.subject();
        List<Chunk> chunks = new ArrayList<>();
        int pair = 0;
        for (Exchange exchange : exchanges(ticket.messages())) {
            if (exchange.answer().isBlank()) {
                continue;
            }
            pair++;
            String text = "Question: " + exchange.question().strip() + "\n\nResolution: " + exchange.answer().strip();
            for (TextSplitter.Piece piece : splitter.split(text)) {
                chunks.add(new Chunk(piece.text(), title + PATH_SEPARATOR + "Q&A " + pair, piece.tokens()));
            }
        }
        StringBuilder thread = new StringBuilder();
        thread.append("Subject: ").append(ticket.subject()).append('\n')
            .append("Outcome: ").append(ticket.outcome()).append("\n\n");
        for (Ticket.Message message : ticket.messages()) {
            thread.append(message.fromCustomer() ? "Customer: " : "Agent: ").append(message.body().strip()).append("\n\n");
        }
        for (TextSplitter.Piece piece : splitter.split(thread.toString())) {
            chunks.add(new Chunk(piece.text(), title + PATH_SEPARATOR + "Thread", piece.tokens()));
        }
        return new ChunkedDocument(title, chunks);
    }

    /** A run of customer messages and the agent messages that follow it, up to the customer's next message. */
    record Exchange(String question, String answer) {
    }

    static List<Exchange> exchanges(List<Ticket.Message> messages) {
        List<Exchange> result = new ArrayList<>();
        StringBuilder question = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        for (Ticket.Message message : messages) {
            if (message.body().isBlank()) {
                continue;
            }
            if (message.fromCustomer()) {
                if (!answer.isEmpty()) {
                    result.add(new Exchange(question.toString(), answer.toString()));
                    question.setLength(0);
                    answer.setLength(0);
                }
                question.append(message.body().strip()).append("\n\n");
            }
            else if (!question.isEmpty()) {
                answer.append(message.body().strip()).append("\n\n");
            }
        }
        if (!question.isEmpty()) {
            result.add(new Exchange(question.toString(), answer.toString()));
        }
        return result;
    }
}
