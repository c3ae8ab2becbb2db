package org.supportrag.eval.gate;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.supportrag.eval.answers.CaseResult;

/**
 * A gated metric as a per-case value where higher is better (1 good, 0 bad, or a score in between); null where the
 * metric does not apply to the case. Count metrics of the summary are gated as the share of cases without the fault.
 */
public enum GateMetric {

    ANSWER_CORRECT("answer_correct", r -> bool(r.answerCorrect())),
    CITATION_CORRECT("citation_correct", r -> bool(r.citationCorrect())),
    UNANSWERABLE_ESCALATED("unanswerable_escalated", r -> bool(r.unanswerableHandled())),
    /** 1 for a no_handover case that was not escalated. */
    FALSE_HANDOVERS("false_handovers", r -> inverted(r.falseHandover())),
    /** 1 for an answerable or multiturn case that was not escalated. */
    WRONGLY_ESCALATED("wrongly_escalated", r -> inverted(r.wronglyEscalated())),
    /** 1 for a case whose every {@code [n]} has its citation. */
    DANGLING_CITATIONS("dangling_citations", r -> r.danglingCitations() == 0 ? 1.0 : 0.0),
    FAITHFULNESS("faithfulness", CaseResult::faithfulness),
    /** 1 for a case whose retrieved chunks name an acceptable source (known for runs inside eval-service only). */
    SOURCES_RETRIEVED("sources_retrieved", r -> bool(r.sourcesRetrieved())),
    /** The LLM judge's correctness verdict; gates only while the judge is calibrated. */
    JUDGE_CORRECT("judge_correct", r -> bool(r.judgeCorrect())),
    /** The LLM judge's faithfulness; gates only while the judge is calibrated. */
    JUDGE_FAITHFULNESS("judge_faithfulness", CaseResult::judgeFaithfulness);

    /** The judge's metrics: advisory unless the judge is calibrated. */
    public static final java.util.Set<GateMetric> JUDGE = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(JUDGE_CORRECT, JUDGE_FAITHFULNESS));

    private final String key;
    private final Function<CaseResult, @Nullable Double> value;

    GateMetric(String key, Function<CaseResult, @Nullable Double> value) {
        this.key = key;
        this.value = value;
    }

    /** The metric's name in summaries and verdicts. */
    public String key() {
        return key;
    }

    public @Nullable Double value(CaseResult result) {
        return value.apply(result);
    }

    public static Optional<GateMetric> fromKey(String key) {
        return Arrays.stream(values()).filter(metric -> metric.key.equals(key)).findFirst();
    }

    public static String keys() {
        return Arrays.stream(values()).map(GateMetric::key).collect(Collectors.joining(", "));
    }

    private static @Nullable Double bool(@Nullable Boolean value) {
        return value == null ? null : value ? 1.0 : 0.0;
    }

    private static @Nullable Double inverted(@Nullable Boolean fault) {
        return fault == null ? null : fault ? 0.0 : 1.0;
    }
}
