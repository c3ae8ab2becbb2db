package org.supportrag.generation.guardrail;

/** Guardrail signals reported in {@code done.flags} and stored on the answer. */
public final class GuardrailFlags {

    /** Injection typed by the customer, or planted in a retrieved chunk (which was then dropped). */
    public static final String PROMPT_INJECTION = "prompt_injection";
    /** Personal data was replaced before the question went on, or removed from the answer. */
    public static final String PII_REDACTED = "pii_redacted";
    /**
     * The answer contained an identifier (invoice, order or tracking number, e-mail, ...) found in another customer's
     * ticket among the context and not in the customer's own messages; it was replaced.
     */
    public static final String TICKET_IDENTIFIER = "ticket_identifier";
    /** The question is outside what support answers. */
    public static final String OFF_TOPIC = "off_topic";
    /** Abuse aimed at people, threats or slurs. */
    public static final String ABUSE = "abuse";
    /** The question or the answer touched a topic the tenant banned. */
    public static final String BANNED_TOPIC = "banned_topic";
    /** The answer started repeating the assistant's instructions; it was cut. */
    public static final String SYSTEM_PROMPT_LEAK = "system_prompt_leak";
    /** Citation markers naming no retrieved chunk were removed from the answer. */
    public static final String INVALID_CITATION = "invalid_citation";
    /** The external moderation API flagged the question. */
    public static final String MODERATION_FLAGGED = "moderation_flagged";
    /** The external moderation API failed and the policy is fail-closed. */
    public static final String MODERATION_UNAVAILABLE = "moderation_unavailable";

    private GuardrailFlags() {
    }
}
