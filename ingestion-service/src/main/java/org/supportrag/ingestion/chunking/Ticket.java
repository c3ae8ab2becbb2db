package org.supportrag.ingestion.chunking;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A support ticket as read from an export: its conversation in order and how it ended.
 *
 * @param outcome how the ticket ended ({@code resolved}, {@code unresolved}, {@code open}, ...)
 */
public record Ticket(String id, String subject, @Nullable String status, String outcome, List<String> tags,
        List<Message> messages) {

    public Ticket {
        tags = List.copyOf(tags);
        messages = List.copyOf(messages);
    }

    /** One message; {@code fromCustomer} false means an agent (or the support team) wrote it. */
    public record Message(boolean fromCustomer, @Nullable String author, String body) {
    }
}
