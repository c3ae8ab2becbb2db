package org.supportrag.generation.tickets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Similar resolved support tickets as extra context, prefix {@code rag.generation.tickets}. Until retrieval filters
 * by document kind, tickets are searched in a knowledge base of their own: the chat's knowledge base name plus
 * {@code knowledge-base-suffix} (ingest resolved tickets with kind {@code ticket} there).
 *
 * @param enabled whether past cases are looked up; env {@code RAG_TICKETS_ENABLED}
 * @param knowledgeBaseSuffix appended to the chat's knowledge base to name the tickets' one
 * @param maxCases most past cases put into the prompt
 * @param minScore least retrieval score of a past case
 * @param maxChars most characters of one past case in the prompt
 */
@ConfigurationProperties("rag.generation.tickets")
public record TicketProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("-tickets") String knowledgeBaseSuffix,
        @DefaultValue("2") int maxCases,
        @DefaultValue("0.6") double minScore,
        @DefaultValue("1200") int maxChars) {

    public TicketProperties {
        if (maxCases < 1 || maxChars < 100) {
            throw new IllegalArgumentException("rag.generation.tickets.max-cases must be positive and max-chars "
                    + "at least 100");
        }
    }
}
