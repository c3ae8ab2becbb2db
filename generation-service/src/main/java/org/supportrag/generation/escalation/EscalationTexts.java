package org.supportrag.generation.escalation;

/** What the customer reads when the conversation goes to a person. */
public final class EscalationTexts {

    /** The customer asked for a person. */
    public static final String REQUESTED = "Of course. I've asked our support team to join this conversation: a "
            + "person will reply here as soon as possible.";
    /** Appended to an answer that was not good enough. */
    public static final String HANDED_OVER = "\n\nI've passed your question to our support team: a person will "
            + "reply here as soon as possible.";
    /** The question could not be answered at all (blocked, or no model answered). */
    public static final String HANDED_OVER_ALONE = "I've passed your message to our support team: a person will "
            + "reply here as soon as possible.";
    /** The customer wrote while an agent looks after the conversation. */
    public static final String WITH_AGENT = "A member of our support team is looking after this conversation and "
            + "will reply here.";
    /** Appended to an answer of middling confidence. */
    public static final String CAVEAT = "\n\n(I'm not fully sure this answers your question. If it doesn't, just ask "
            + "to talk to a person from our support team.)";

    private EscalationTexts() {
    }
}
