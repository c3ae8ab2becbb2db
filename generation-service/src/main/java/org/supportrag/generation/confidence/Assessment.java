package org.supportrag.generation.confidence;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far an answer can be trusted, and what the tenant's thresholds make of it.
 *
 * @param retrieval evidence from retrieval: top score, scores of the cited chunks, agreement among the top chunks
 * @param groundedness share of the answer's content words its cited chunks contain, per sentence
 * @param guardrail factor from guardrail and answering signals (1 = none)
 * @param combined the confidence reported to clients, 0..1
 * @param decision answer as is, answer with a caveat, or escalate
 * @param answerability the calibrated probability that the answer answers the question ({@link Answerability}); -1
 *                      when it was not estimated (no question given)
 * @param declined whether the answer says plainly that it does not know
 */
public record Assessment(double retrieval, double groundedness, double guardrail, double combined,
        Decision decision, double answerability, boolean declined) {

    public Assessment(double retrieval, double groundedness, double guardrail, double combined, Decision decision) {
        this(retrieval, groundedness, guardrail, combined, decision, -1, false);
    }

    public enum Decision {
        ANSWER, CAVEAT, ESCALATE
    }

    /** The parts, as stored with the answer and the escalation. */
    public Map<String, Object> scores() {
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("retrieval", retrieval);
        scores.put("groundedness", groundedness);
        scores.put("guardrail", guardrail);
        if (answerability >= 0) {
            scores.put("answerability", answerability);
        }
        if (declined) {
            scores.put("declined", true);
        }
        scores.put("combined", combined);
        scores.put("decision", decision.name().toLowerCase(java.util.Locale.ROOT));
        return scores;
    }
}
