package org.supportrag.generation.escalation;

/** Why a conversation went to a person. */
public final class EscalationReasons {

    /** The answer's confidence fell below the tenant's escalation threshold. */
    public static final String LOW_CONFIDENCE = "low_confidence";
    /** The customer asked for a person (typed, or the escalate endpoint). */
    public static final String CUSTOMER_REQUEST = "customer_request";
    /** A guardrail blocked the question and the tenant escalates blocked questions. */
    public static final String GUARDRAIL = "guardrail";
    /** Every model of the fallback chain failed. */
    public static final String ALL_MODELS_FAILED = "all_models_failed";

    /** The answer holds a claim its cited chunks do not support and the tenant escalates those. */
    public static final String UNSUPPORTED_CLAIM = "unsupported_claim";

    private EscalationReasons() {
    }
}
