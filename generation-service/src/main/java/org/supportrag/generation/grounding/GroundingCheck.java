package org.supportrag.generation.grounding;

import java.util.List;

import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;

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

    /** The claims of {@code answer} checked against {@code context}; none when the check is off. */
    public Groundedness check(String answer, List<SearchHit> context) {
        return properties.enabled() ? checker.check(answer, context) : Groundedness.NONE;
    }
}
