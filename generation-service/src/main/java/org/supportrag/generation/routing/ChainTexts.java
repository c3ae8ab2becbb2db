package org.supportrag.generation.routing;

/** What the customer reads when the chain bridges a broken answer, gives up, or is over budget. */
final class ChainTexts {

    static final String REPEAT_BRIDGE = "\n\n(Sorry, that answer was interrupted. Here is the complete answer:)\n\n";
    static final String ESCALATION = "I'm sorry, I can't answer that right now. I've passed your question to our "
            + "support team, and a person will reply here.";
    static final String REFUSAL = "I'm sorry, this assistant has reached its usage limit for now. Please try again "
            + "later, or contact our support team.";

    private ChainTexts() {
    }
}
