package org.supportrag.generation.texts;

/** The keys of {@code messages/customer*.properties}, one per text a customer may read. */
public enum CustomerText {

    /** The customer asked for a person. */
    ESCALATION_REQUESTED("escalation.requested"),
    /** Follows an answer that was not good enough. */
    ESCALATION_HANDED_OVER("escalation.handed-over"),
    /** The question could not be answered at all (blocked, or no model answered). */
    ESCALATION_HANDED_OVER_ALONE("escalation.handed-over-alone"),
    /** The customer wrote while an agent looks after the conversation. */
    ESCALATION_WITH_AGENT("escalation.with-agent"),
    /** Follows an answer of middling confidence. */
    ESCALATION_CAVEAT("escalation.caveat"),
    /** Follows (or replaces) an answer an output guardrail cut. */
    ESCALATION_BLOCKED("escalation.blocked"),
    GUARDRAIL_INJECTION("guardrail.injection"),
    GUARDRAIL_ABUSE("guardrail.abuse"),
    GUARDRAIL_OFF_TOPIC("guardrail.off-topic"),
    GUARDRAIL_BANNED("guardrail.banned"),
    GUARDRAIL_MODERATION("guardrail.moderation"),
    GUARDRAIL_MODERATION_UNAVAILABLE("guardrail.moderation-unavailable"),
    /** Put between an interrupted answer and the complete one that follows. */
    CHAIN_REPEAT_BRIDGE("chain.repeat-bridge"),
    /** No model answered and the help center has no answer either. */
    CHAIN_ESCALATION("chain.escalation"),
    /** The tenant's budget is spent and it refuses further answers. */
    CHAIN_REFUSAL("chain.refusal");

    private final String key;

    CustomerText(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
