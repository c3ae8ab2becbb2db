package org.supportrag.generation.escalation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An escalation as the agent API shows it.
 *
 * @param status {@code open}, {@code assigned} or {@code resolved}
 * @param reasons e.g. {@code low_confidence}, {@code customer_request}, {@code guardrail}
 * @param confidence the escalating answer's confidence; null when the customer asked before any answer
 * @param assignee the claiming agent's name
 * @param preview first 140 characters of the customer's last question
 */
public record EscalationItem(UUID conversationId, String status, List<String> reasons, @Nullable Double confidence,
        @Nullable String assignee, Instant createdAt, Instant updatedAt, String preview) {

    public static final String OPEN = "open";
    public static final String ASSIGNED = "assigned";
    public static final String RESOLVED = "resolved";

    public EscalationItem {
        reasons = List.copyOf(reasons);
    }
}
