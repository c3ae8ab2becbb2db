package org.supportrag.generation.confidence;

/**
 * Where a score turns into a caveat or an escalation. A tenant's policy implements it, so confidence does not
 * depend on the guardrail package that stores tenant policies.
 */
public interface Thresholds {

    /** Answers scoring below this carry a caveat. */
    double caveatBelow();

    /** Answers scoring below this escalate to a person. */
    double escalateBelow();
}
