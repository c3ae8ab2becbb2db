package org.supportrag.generation.grounding;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Groundedness settings, prefix {@code rag.generation.grounding}.
 *
 * @param enabled      whether answers are checked at all
 * @param minCoverage  the share of a claim's content words the chunks it cites must contain
 * @param onUnsupported what happens to an answer with an unsupported claim, unless the tenant has its own policy
 * @param tenants      per-tenant policies, e.g. {@code rag.generation.grounding.tenants.acme=next-model}
 */
@ConfigurationProperties("rag.generation.grounding")
public record GroundingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.5") double minCoverage,
        @DefaultValue("flag") OnUnsupported onUnsupported, @DefaultValue Map<String, OnUnsupported> tenants) {

    /** What a tenant does with an answer that holds an unsupported claim. */
    public enum OnUnsupported {
        /** Give it, flagged {@code unsupported_claim} (counted in the interaction log). */
        FLAG,
        /**
         * Hold each model's answer back until it is checked and let the next model of the chain answer instead;
         * when no model gives a supported answer, the offline answerer quotes the help center or the turn escalates.
         * The answer then reaches the customer in one piece, not token by token.
         */
        NEXT_MODEL,
        /** Give it and hand the conversation to a person (reason {@code unsupported_claim}). */
        ESCALATE
    }

    public GroundingProperties {
        if (minCoverage < 0 || minCoverage > 1) {
            throw new IllegalArgumentException("rag.generation.grounding.min-coverage must be within 0..1, was "
                    + minCoverage);
        }
        tenants = Map.copyOf(tenants);
    }

    public OnUnsupported policy(String tenantId) {
        return tenants.getOrDefault(tenantId, onUnsupported);
    }
}
