package org.supportrag.ingestion.chunking;

import java.util.ArrayList;
import java.util.List;

import org.supportrag.defaults.embedding.TokenCounter;

/**
 * Chunks a support ticket as knowledge: what the agents said and did, never the customer's own words as answer
 * text. One chunk per question/resolution pair holds the agent replies that answer it, with the customer's question
 * (shortened) in its section path, where search finds it but no answer quotes it; one chunk for the whole thread
 * holds the subject, the outcome and the agents' messages, split when long. Texts are expected to be scrubbed of
 * personal data already.
 */
public final class TicketChunker {

    private static final String PATH_SEPARATOR = " > ";
    static final int QUESTION_CHARS = 200;
    static final String NO_REPLY = "No agent reply yet.";

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
            String path = title + PATH_SEPARATOR + "Q&A " + pair + ": " + shortened(exchange.question());
            for (TextSplitter.Piece piece : splitter.split("Resolution: " + exchange.answer().strip())) {
                chunks.add(new Chunk(piece.text(), path, piece.tokens()));
            }
        }
        StringBuilder thread = new StringBuilder();
        thread.append("Subject: ").append(ticket.subject()).append('\n')
            .append("Outcome: ").append(ticket.outcome()).append("\n\n");
        boolean replied = false;
        for (Ticket.Message message : ticket.messages()) {
            if (!message.fromCustomer() && !message.body().isBlank()) {
                thread.append("Agent: ").append(message.body().strip()).append("\n\n");
                replied = true;
            }
        }
        if (!replied) {
            thread.append(NO_REPLY);
        }
        for (TextSplitter.Piece piece : splitter.split(thread.toString())) {
            chunks.add(new Chunk(piece.text(), title + PATH_SEPARATOR + "Thread", piece.tokens()));
        }
        return new ChunkedDocument(title, chunks);
    }

    /** The question on one line, cut at a word boundary. */
    static String shortened(String question) {
        String line = question.strip().replaceAll("\\s+", " ");
        if (line.length() <= QUESTION_CHARS) {
            return line;
        }
        int cut = line.lastIndexOf(' ', QUESTION_CHARS);
        return line.substring(0, cut > QUESTION_CHARS / 2 ? cut : QUESTION_CHARS) + " …";
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
