package org.supportrag.generation.tickets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Similar resolved support tickets as extra context, prefix {@code rag.generation.tickets}. Tickets are the chat
 * knowledge base's documents of kind {@code kind} (ingestion's ticket imports), searched densely so scores are
 * cosine similarities.
 *
 * @param enabled whether past cases are looked up; env {@code RAG_GENERATION_TICKETS_ENABLED}
 * @param kind the document kind ingestion gives tickets
 * @param resolvedOnly only tickets whose metadata {@code outcome} is {@code resolved}
 * @param maxCases most past cases put into the prompt
 * @param minScore least similarity of a past case to the question
 * @param maxChars most characters of one past case in the prompt
 * @param rankPenalty share taken off the score of a retrieved ticket chunk before the chunks are re-ranked, so
 *        documentation outranks a ticket that states the same fact; 0 turns it off
 */
@ConfigurationProperties("rag.generation.tickets")
record TicketProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("ticket") String kind,
        @DefaultValue("true") boolean resolvedOnly,
        @DefaultValue("2") int maxCases,
        @DefaultValue("0.6") double minScore,
        @DefaultValue("1200") int maxChars,
        @DefaultValue("0.25") double rankPenalty) {

    public TicketProperties {
        if (maxCases < 1 || maxChars < 100) {
            throw new IllegalArgumentException("rag.generation.tickets.max-cases must be positive and max-chars "
                    + "at least 100");
        }
        if (rankPenalty < 0 || rankPenalty >= 1) {
            throw new IllegalArgumentException("rag.generation.tickets.rank-penalty must be in [0, 1)");
        }
    }
}
