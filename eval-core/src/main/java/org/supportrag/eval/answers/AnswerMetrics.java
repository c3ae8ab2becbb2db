package org.supportrag.eval.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.supportrag.eval.metrics.Percentiles;

/**
 * The metrics of a run over an answer-level dataset.
 *
 * @param answerCorrect          correct answers / answerable and multiturn cases
 * @param citationCorrect        correctly cited / answerable and multiturn cases with sources
 * @param unanswerableEscalated  escalated or declined / unanswerable cases
 * @param falseHandovers         no_handover cases escalated (count)
 * @param wronglyEscalated       answerable and multiturn cases escalated (count)
 * @param danglingCitations      cases whose answer has a {@code [n]} without citation n (count)
 * @param faithfulness           mean offline faithfulness over the cases it applies to
 * @param escalationPrecision    unanswerable cases handed over / all cases handed over (escalated or declined)
 * @param escalationRecall       the same as {@code unanswerableEscalated}: handed over / unanswerable cases
 * @param curve                  precision and recall when every answer below a confidence threshold were handed over
 * @param errors                 cases whose turn failed
 * @param sourcesRetrieved       cases whose retrieved chunks name an acceptable source / cases where that is known
 * @param judgeCorrect           the judge's correct verdicts / judged cases
 * @param judgeFaithfulness      mean of the judge's faithfulness
 */
public record AnswerMetrics(String dataset, int cases, @Nullable Double answerCorrect, @Nullable Double citationCorrect,
        @Nullable Double unanswerableEscalated, int falseHandovers, int wronglyEscalated, int danglingCitations,
        @Nullable Double faithfulness, @Nullable Double escalationPrecision, @Nullable Double escalationRecall,
        List<ThresholdPoint> curve, double p50Ms, double p95Ms, double costUsd, int errors,
        @Nullable Double sourcesRetrieved, @Nullable Double judgeCorrect, @Nullable Double judgeFaithfulness) {

    /** The confidence thresholds of the curve: 0.05 to 0.95 in steps of 0.05. */
    public static final List<Double> THRESHOLDS = java.util.stream.IntStream.rangeClosed(1, 19)
        .mapToObj(i -> i * 0.05)
        .map(t -> Math.round(t * 100) / 100.0)
        .toList();

    /**
     * Escalation quality if every answer with confidence below {@code threshold} were handed over too.
     *
     * @param handoverRate handed-over cases / all cases
     */
    public record ThresholdPoint(double threshold, @Nullable Double precision, @Nullable Double recall,
            double handoverRate) {
    }

    public static AnswerMetrics of(String dataset, List<CaseResult> results) {
        List<CaseResult> answerable = results.stream().filter(r -> r.type().expectsAnswer()).toList();
        List<CaseResult> unanswerable = results.stream().filter(r -> r.type() == CaseType.UNANSWERABLE).toList();
        List<Double> latencies = results.stream().map(CaseResult::latencyMs).toList();
        List<Double> faithfulness = results.stream().map(CaseResult::faithfulness).filter(Objects::nonNull).toList();
        List<ThresholdPoint> curve = new ArrayList<>();
        for (double threshold : THRESHOLDS) {
            Predicate<CaseResult> handed = r -> handedOver(r)
                    || r.confidence() != null && r.confidence() < threshold;
            curve.add(new ThresholdPoint(threshold, precision(results, handed), rate(unanswerable, handed),
                    results.isEmpty() ? 0 : (double) results.stream().filter(handed).count() / results.size()));
        }
        return new AnswerMetrics(dataset, results.size(), rate(answerable, r -> Boolean.TRUE.equals(r.answerCorrect())),
                rate(answerable.stream().filter(r -> r.citationCorrect() != null).toList(),
                        r -> Boolean.TRUE.equals(r.citationCorrect())),
                rate(unanswerable, AnswerMetrics::handedOver),
                (int) results.stream().filter(r -> Boolean.TRUE.equals(r.falseHandover())).count(),
                (int) results.stream().filter(r -> Boolean.TRUE.equals(r.wronglyEscalated())).count(),
                (int) results.stream().filter(r -> r.danglingCitations() > 0).count(),
                faithfulness.isEmpty() ? null
                        : faithfulness.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                precision(results, AnswerMetrics::handedOver), rate(unanswerable, AnswerMetrics::handedOver), curve,
                Percentiles.of(latencies, 50), Percentiles.of(latencies, 95),
                results.stream().mapToDouble(CaseResult::costUsd).sum(),
                (int) results.stream().filter(r -> r.error() != null).count(),
                rate(results.stream().filter(r -> r.sourcesRetrieved() != null).toList(),
                        r -> Boolean.TRUE.equals(r.sourcesRetrieved())),
                rate(results.stream().filter(r -> r.judgeCorrect() != null).toList(),
                        r -> Boolean.TRUE.equals(r.judgeCorrect())),
                mean(results.stream().map(CaseResult::judgeFaithfulness).filter(Objects::nonNull).toList()));
    }

    private static @Nullable Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** Escalated, or declined (confidence below 0.5 and saying it does not know). */
    static boolean handedOver(CaseResult result) {
        return result.escalated() || result.declined();
    }

    private static @Nullable Double precision(List<CaseResult> results, Predicate<CaseResult> handed) {
        List<CaseResult> handedOver = results.stream().filter(handed).toList();
        return rate(handedOver, r -> r.type() == CaseType.UNANSWERABLE);
    }

    private static @Nullable Double rate(List<CaseResult> results, Predicate<CaseResult> test) {
        return results.isEmpty() ? null : (double) results.stream().filter(test).count() / results.size();
    }

    /** The summary object of {@code ragctl eval answers --json}: interfaces.md's keys first, then the others. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dataset", dataset);
        map.put("cases", cases);
        map.put("answer_correct", round(answerCorrect));
        map.put("citation_correct", round(citationCorrect));
        map.put("unanswerable_escalated", round(unanswerableEscalated));
        map.put("false_handovers", falseHandovers);
        map.put("wrongly_escalated", wronglyEscalated);
        map.put("dangling_citations", danglingCitations);
        map.put("p50_ms", Math.round(p50Ms * 10) / 10.0);
        map.put("p95_ms", Math.round(p95Ms * 10) / 10.0);
        map.put("cost_usd", Math.round(costUsd * 1_000_000) / 1_000_000.0);
        map.put("faithfulness", round(faithfulness));
        map.put("escalation_precision", round(escalationPrecision));
        map.put("escalation_recall", round(escalationRecall));
        map.put("errors", errors);
        // Only where known: runs inside eval-service report them, the public chat API does not.
        if (sourcesRetrieved != null) {
            map.put("sources_retrieved", round(sourcesRetrieved));
        }
        if (judgeCorrect != null) {
            map.put("judge_correct", round(judgeCorrect));
        }
        if (judgeFaithfulness != null) {
            map.put("judge_faithfulness", round(judgeFaithfulness));
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (ThresholdPoint point : curve) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("threshold", point.threshold());
            entry.put("precision", round(point.precision()));
            entry.put("recall", round(point.recall()));
            entry.put("handover_rate", round(point.handoverRate()));
            points.add(entry);
        }
        map.put("escalation_curve", points);
        return map;
    }

    private static @Nullable Double round(@Nullable Double value) {
        return value == null ? null : Math.round(value * 10_000) / 10_000.0;
    }
}
