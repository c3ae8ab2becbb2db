package org.supportrag.generation.grounding;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import org.supportrag.generation.answer.Question;

/** The groundedness check of a chat turn with the tenant's policy for unsupported claims. */
@Component
public class GroundingCheck {

    /** Flag of an answer holding at least one claim its cited chunks do not support. */
    public static final String UNSUPPORTED_CLAIM = "unsupported_claim";

    private final GroundingProperties properties;
    private final ClaimChecker checker;

    public GroundingCheck(GroundingProperties properties) {
        this.properties = properties;
        this.checker = new ClaimChecker(properties.minCoverage());
    }

    public GroundingProperties.OnUnsupported policy(String tenantId) {
        return properties.policy(tenantId);
    }

    /**
     * The claims of {@code answer} checked against the chunks the question was answered from; the customer's
     * question, earlier messages and background (CRM data, past cases) may back its words, numbers and names too.
     * None when the check is off.
     */
    public Groundedness check(String answer, Question question) {
        if (!properties.enabled()) {
            return Groundedness.NONE;
        }
        List<String> known = new ArrayList<>(question.background());
        known.add(question.text());
        question.history().stream().filter(Question.PriorMessage::fromCustomer).forEach(
                message -> known.add(message.content()));
        return checker.check(answer, question.context(), known);
    }
}
