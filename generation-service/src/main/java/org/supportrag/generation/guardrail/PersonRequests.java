package org.supportrag.generation.guardrail;

/**
 * Recognizes a customer's request to be handed to a person of the support team (not a question that only mentions
 * someone: a colleague, the recipient, the account owner). The input guard escalates such a message.
 */
@FunctionalInterface
public interface PersonRequests {

    /** @param message the customer's message, personal data already redacted */
    boolean asksForPerson(String message);
}
