package org.supportrag.generation.confidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Confidence settings, prefix {@code rag.generation.confidence}. The thresholds are defaults; tenants set their
 * own in the database ({@code PUT /api/v1/guardrails/policy}).
 *
 * @param caveatBelow answers scoring below this carry a caveat
 * @param escalateBelow answers scoring below this escalate to a person
 * @param retrievalWeight share of retrieval evidence in the score when the question is unknown; the rest is
 *                        groundedness
 * @param declineBelow the offline answerer says it does not know when the answerability of its best answer is
 *                     below this (chosen on validation data, see docs/architecture.md)
 */
@ConfigurationProperties("rag.generation.confidence")
public record ConfidenceProperties(
        @DefaultValue("0.5") double caveatBelow,
        @DefaultValue("0.3") double escalateBelow,
        @DefaultValue("0.4") double retrievalWeight,
        @DefaultValue("0.425") double declineBelow) {

    public ConfidenceProperties(double caveatBelow, double escalateBelow, double retrievalWeight) {
        this(caveatBelow, escalateBelow, retrievalWeight, 0.425);
    }

    @ConstructorBinding
    public ConfidenceProperties {
        if (caveatBelow < 0 || caveatBelow > 1 || escalateBelow < 0 || escalateBelow > 1) {
            throw new IllegalArgumentException("rag.generation.confidence thresholds must be within 0..1");
        }
        if (declineBelow < 0 || declineBelow > 1) {
            throw new IllegalArgumentException("rag.generation.confidence.decline-below must be within 0..1");
        }
        if (retrievalWeight < 0 || retrievalWeight > 1) {
            throw new IllegalArgumentException("rag.generation.confidence.retrieval-weight must be within 0..1");
        }
    }
}
