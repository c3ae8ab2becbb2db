package org.supportrag.eval.abtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import org.supportrag.eval.abtest.AbOutcomes.Arm;
import org.supportrag.eval.abtest.AbOutcomes.Comparison;
import org.supportrag.eval.abtest.AbOutcomes.Test;
import org.supportrag.eval.generation.GenerationClient;
import org.supportrag.eval.generation.LoggedTurn;

/**
 * A/B outcomes of production traffic: conversations are the unit (the arm is assigned per conversation), rates are
 * compared with the pooled two-proportion z-test and means with Welch's t-test; a difference is significant only
 * when p < alpha and both arms have the minimum sample.
 */
@Service
@RequiredArgsConstructor
class AbTestService {

    static final String BASELINE_ARM = "production";

    private final GenerationClient generation;
    private final JdbcClient jdbc;

    AbOutcomes outcomes(String tenant, AbDimension dimension, Instant since, Instant until, int minSample, double alpha) {
        List<LoggedTurn> turns = generation.turns(tenant, since, until, null);
        Map<UUID, String> ratings = new HashMap<>();
        jdbc.sql("""
                SELECT message_id, rating FROM feedback WHERE tenant_id = ? AND created_at >= ?
                 ORDER BY created_at""")
            .params(tenant, java.sql.Timestamp.from(since))
            .query((rs, row) -> ratings.put(rs.getObject(1, UUID.class), rs.getString(2)))
            .list();
        Map<UUID, List<LoggedTurn>> byConversation = new LinkedHashMap<>();
        turns.forEach(turn -> byConversation.computeIfAbsent(turn.conversationId(), id -> new ArrayList<>())
            .add(turn));
        Map<String, List<List<LoggedTurn>>> byArm = new LinkedHashMap<>();
        byConversation.values()
            .forEach(conversation -> byArm.computeIfAbsent(dimension.arm(conversation.getFirst()),
                    key -> new ArrayList<>()).add(conversation));
        boolean unsupportedFlagSeen = turns.stream().anyMatch(LoggedTurn::unsupportedClaim);
        Map<String, ArmData> data = new LinkedHashMap<>();
        byArm.forEach((arm, conversations) -> data.put(arm, new ArmData(arm, conversations, ratings,
                unsupportedFlagSeen, minSample)));
        String baseline = data.containsKey(BASELINE_ARM) ? BASELINE_ARM : data.values()
            .stream()
            .max(Comparator.comparingInt(armData -> armData.conversations))
            .map(armData -> armData.arm)
            .orElse(BASELINE_ARM);
        List<Comparison> comparisons = new ArrayList<>();
        ArmData base = data.get(baseline);
        if (base != null) {
            for (ArmData other : data.values()) {
                if (other != base) {
                    comparisons.add(compare(base, other, minSample, alpha));
                }
            }
        }
        List<Arm> arms = data.values().stream().map(ArmData::arm).toList();
        return new AbOutcomes(dimension.wireName(), since, until, baseline, minSample, alpha, arms, comparisons);
    }

    private static Comparison compare(ArmData base, ArmData other, int minSample, double alpha) {
        boolean enough = base.conversations >= minSample && other.conversations >= minSample;
        List<Test> tests = new ArrayList<>();
        tests.add(proportion("escalation_rate", base.escalated, base.conversations, other.escalated,
                other.conversations, enough, alpha));
        tests.add(proportion("thumbs_up_rate", base.thumbsUp, base.rated, other.thumbsUp, other.rated, enough,
                alpha));
        tests.add(mean("mean_confidence", base.confidences, other.confidences, enough, alpha));
        if (base.unsupportedSeen) {
            tests.add(proportion("unsupported_claim_rate", base.unsupported, base.turns, other.unsupported,
                    other.turns, enough, alpha));
        }
        tests.add(mean("cost_per_conversation", base.costs, other.costs, enough, alpha));
        return new Comparison(other.arm, enough, tests);
    }

    private static Test proportion(String metric, long x1, long n1, long x2, long n2, boolean enough, double alpha) {
        if (n1 == 0 || n2 == 0) {
            return new Test(metric, "two-proportion z", n1 == 0 ? null : (double) x1 / n1,
                    n2 == 0 ? null : (double) x2 / n2, null, null, null, false);
        }
        SignificanceTests.Result result = SignificanceTests.twoProportions(x2, n2, x1, n1);
        double a = (double) x1 / n1;
        double b = (double) x2 / n2;
        return new Test(metric, "two-proportion z", a, b, b - a, finite(result.statistic()),
                finite(result.pValue()), enough && result.pValue() < alpha);
    }

    private static Test mean(String metric, double[] first, double[] second, boolean enough, double alpha) {
        Double a = first.length == 0 ? null : average(first);
        Double b = second.length == 0 ? null : average(second);
        SignificanceTests.Result result = SignificanceTests.welch(second, first);
        return new Test(metric, "Welch t", a, b, a == null || b == null ? null : b - a, finite(result.statistic()),
                finite(result.pValue()), enough && !Double.isNaN(result.pValue()) && result.pValue() < alpha);
    }

    private static @Nullable Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double average(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The counts and samples of one arm. */
    private static final class ArmData {

        final String arm;
        final int conversations;
        final int turns;
        final long escalated;
        final long rated;
        final long thumbsUp;
        final long unsupported;
        final boolean unsupportedSeen;
        final double[] confidences;
        final double[] costs;
        final int resolved;
        final double resolvedCost;
        final boolean enough;

        ArmData(String arm, List<List<LoggedTurn>> conversations, Map<UUID, String> ratings,
                boolean unsupportedSeen, int minSample) {
            this.arm = arm;
            this.conversations = conversations.size();
            this.unsupportedSeen = unsupportedSeen;
            this.enough = conversations.size() >= minSample;
            int turnCount = 0;
            long escalatedCount = 0;
            long ratedCount = 0;
            long up = 0;
            long unsupportedCount = 0;
            int resolvedCount = 0;
            double resolvedSum = 0;
            List<Double> confidence = new ArrayList<>();
            costs = new double[conversations.size()];
            for (int i = 0; i < conversations.size(); i++) {
                boolean escalatedHere = false;
                boolean thumbsDown = false;
                double cost = 0;
                for (LoggedTurn turn : conversations.get(i)) {
                    turnCount++;
                    escalatedHere |= turn.escalated();
                    cost += turn.costUsd();
                    if (turn.confidence() != null) {
                        confidence.add(turn.confidence());
                    }
                    if (turn.unsupportedClaim()) {
                        unsupportedCount++;
                    }
                    String rating = ratings.get(turn.messageId());
                    if (rating != null) {
                        ratedCount++;
                        up += "up".equals(rating) ? 1 : 0;
                        thumbsDown |= "down".equals(rating);
                    }
                }
                costs[i] = cost;
                if (escalatedHere) {
                    escalatedCount++;
                }
                else if (!thumbsDown) {
                    resolvedCount++;
                    resolvedSum += cost;
                }
            }
            this.turns = turnCount;
            this.escalated = escalatedCount;
            this.rated = ratedCount;
            this.thumbsUp = up;
            this.unsupported = unsupportedCount;
            this.resolved = resolvedCount;
            this.resolvedCost = resolvedSum;
            this.confidences = confidence.stream().mapToDouble(Double::doubleValue).toArray();
        }

        Arm arm() {
            double total = 0;
            for (double cost : costs) {
                total += cost;
            }
            return new Arm(arm, conversations, turns, conversations == 0 ? 0 : (double) escalated / conversations,
                    (int) rated, rated == 0 ? null : (double) thumbsUp / rated,
                    confidences.length == 0 ? null : average(confidences),
                    unsupportedSeen && turns > 0 ? (double) unsupported / turns : null,
                    conversations == 0 ? 0 : total / conversations,
                    // Everything the arm spent, spread over the conversations it resolved.
                    resolved == 0 ? null : total / resolved, resolved, total, enough);
        }
    }
}
