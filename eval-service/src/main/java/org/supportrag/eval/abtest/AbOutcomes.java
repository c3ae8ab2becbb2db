package org.supportrag.eval.abtest;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Per-arm outcomes over a window and each arm's comparison with the baseline arm.
 *
 * @param dimension {@code prompt} (the conversation's prompt arm) or {@code model}
 * @param minSample conversations each arm needs before a difference may be called significant
 */
record AbOutcomes(String dimension, Instant since, Instant until, String baseline, int minSample,
        double alpha, List<Arm> arms, List<Comparison> comparisons) {

    /**
     * @param escalationRate conversations with a hand-over / conversations
     * @param thumbsUpRate thumbs-up / rated answers (null when none was rated)
     * @param unsupportedClaimRate answers flagged with an unsupported claim / answers (null when the interaction data
     *                             carries no such flag)
     * @param costPerResolvedConversation cost / conversations without a hand-over or thumbs-down (null when none)
     */
    public record Arm(String arm, int conversations, int turns, double escalationRate, int rated,
            @Nullable Double thumbsUpRate, @Nullable Double meanConfidence, @Nullable Double unsupportedClaimRate,
            double costPerConversation, @Nullable Double costPerResolvedConversation, int resolvedConversations,
            double totalCostUsd, boolean enoughSample) {
    }

    /** One metric of one arm against the baseline. */
    public record Test(String metric, String test, @Nullable Double baseline, @Nullable Double arm,
            @Nullable Double difference, @Nullable Double statistic, @Nullable Double pValue, boolean significant) {
    }

    /** @param enoughSample both arms have at least {@code minSample} conversations */
    public record Comparison(String arm, boolean enoughSample, List<Test> tests) {
    }
}
