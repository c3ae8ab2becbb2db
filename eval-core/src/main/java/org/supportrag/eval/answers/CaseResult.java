package org.supportrag.eval.answers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One scored case: a line of a results file ({@code ragctl eval answers --save}, a run's export). A metric that
 * does not apply to the case's type is null.
 *
 * @param answerCorrect        answerable/multiturn: every fact matched and not escalated
 * @param citationCorrect      answerable/multiturn with sources: a citation names one of them
 * @param declined             confidence below 0.5 and an answer saying it does not know
 * @param unanswerableHandled  unanswerable: escalated or declined
 * @param falseHandover        no_handover: escalated
 * @param wronglyEscalated     answerable/multiturn: escalated
 * @param danglingCitations    how many distinct {@code [n]} of the answer have no citation n
 * @param faithfulness         offline faithfulness of the answer; null when it makes no claim or was not an answer
 * @param missingFacts         the facts the answer did not match
 * @param sourcesRetrieved     answerable/multiturn with sources: a retrieved chunk names one of them; null when the
 *                             retrieved chunks are unknown (the public chat API does not report them)
 * @param judgeCorrect         the LLM judge's correctness verdict, null without a judge
 * @param judgeFaithfulness    the LLM judge's faithfulness (supported claims / claims), null without a judge
 */
public record CaseResult(String id, CaseType type, @Nullable Boolean answerCorrect, @Nullable Boolean citationCorrect,
        boolean escalated, @Nullable Double confidence, boolean declined, @Nullable Boolean unanswerableHandled,
        @Nullable Boolean falseHandover, @Nullable Boolean wronglyEscalated, int danglingCitations,
        @Nullable Double faithfulness, double latencyMs, long promptTokens, long completionTokens, double costUsd,
        List<String> flags, @Nullable String model, @Nullable String error, List<String> missingFacts, String answer,
        List<AnswerCitation> citations, @Nullable Boolean sourcesRetrieved, @Nullable Boolean judgeCorrect,
        @Nullable Double judgeFaithfulness) {

    /** A result without retrieval or judge information. */
    public CaseResult(String id, CaseType type, @Nullable Boolean answerCorrect, @Nullable Boolean citationCorrect,
            boolean escalated, @Nullable Double confidence, boolean declined, @Nullable Boolean unanswerableHandled,
            @Nullable Boolean falseHandover, @Nullable Boolean wronglyEscalated, int danglingCitations,
            @Nullable Double faithfulness, double latencyMs, long promptTokens, long completionTokens, double costUsd,
            List<String> flags, @Nullable String model, @Nullable String error, List<String> missingFacts,
            String answer, List<AnswerCitation> citations) {
        this(id, type, answerCorrect, citationCorrect, escalated, confidence, declined, unanswerableHandled,
                falseHandover, wronglyEscalated, danglingCitations, faithfulness, latencyMs, promptTokens,
                completionTokens, costUsd, flags, model, error, missingFacts, answer, citations, null, null, null);
    }

    /** The same result with the judge's verdicts. */
    public CaseResult withJudge(@Nullable Boolean correct, @Nullable Double faithful) {
        return new CaseResult(id, type, answerCorrect, citationCorrect, escalated, confidence, declined,
                unanswerableHandled, falseHandover, wronglyEscalated, danglingCitations, faithfulness, latencyMs,
                promptTokens, completionTokens, costUsd, flags, model, error, missingFacts, answer, citations,
                sourcesRetrieved, correct, faithful);
    }

    public CaseResult {
        flags = List.copyOf(flags);
        missingFacts = List.copyOf(missingFacts);
        citations = List.copyOf(citations);
    }

    /** The results-file line, with snake_case keys. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("type", type.wireName());
        map.put("answer_correct", answerCorrect);
        map.put("citation_correct", citationCorrect);
        map.put("escalated", escalated);
        map.put("confidence", confidence);
        map.put("declined", declined);
        map.put("unanswerable_escalated", unanswerableHandled);
        map.put("false_handover", falseHandover);
        map.put("wrongly_escalated", wronglyEscalated);
        map.put("dangling_citations", danglingCitations);
        map.put("faithfulness", faithfulness);
        map.put("latency_ms", Math.round(latencyMs * 10) / 10.0);
        map.put("prompt_tokens", promptTokens);
        map.put("completion_tokens", completionTokens);
        map.put("cost_usd", costUsd);
        map.put("flags", flags);
        map.put("model", model);
        map.put("error", error);
        map.put("missing_facts", missingFacts);
        map.put("answer", answer);
        List<Map<String, Object>> cited = new ArrayList<>();
        for (AnswerCitation citation : citations) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", citation.index());
            entry.put("title", citation.title());
            entry.put("url", citation.url());
            cited.add(entry);
        }
        map.put("citations", cited);
        // Written only when known, so results files of the public chat API stay as they were.
        if (sourcesRetrieved != null) {
            map.put("sources_retrieved", sourcesRetrieved);
        }
        if (judgeCorrect != null) {
            map.put("judge_correct", judgeCorrect);
        }
        if (judgeFaithfulness != null) {
            map.put("judge_faithfulness", judgeFaithfulness);
        }
        return map;
    }
}
