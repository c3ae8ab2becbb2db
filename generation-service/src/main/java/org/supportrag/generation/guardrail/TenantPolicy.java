package org.supportrag.generation.guardrail;

import java.util.List;

import org.supportrag.generation.confidence.Thresholds;

/**
 * A tenant's effective guardrail and confidence policy: its own settings where it has them, else the configured
 * defaults.
 *
 * @param bannedTopics phrases answers must not be about (case-insensitive)
 * @param offTopicTerms phrases marking a question as outside the support scope
 * @param caveatBelow answers with a lower confidence carry a caveat
 * @param escalateBelow answers with a lower confidence escalate to a person
 * @param blockedAction {@link #REFUSE} or {@link #ESCALATE} for blocked questions
 */
public record TenantPolicy(List<String> bannedTopics, List<String> offTopicTerms, double caveatBelow,
        double escalateBelow, String blockedAction) implements Thresholds {

    public static final String REFUSE = "refuse";
    public static final String ESCALATE = "escalate";

    public TenantPolicy {
        bannedTopics = List.copyOf(bannedTopics);
        offTopicTerms = List.copyOf(offTopicTerms);
    }

    public boolean escalatesBlocked() {
        return ESCALATE.equals(blockedAction);
    }
}
