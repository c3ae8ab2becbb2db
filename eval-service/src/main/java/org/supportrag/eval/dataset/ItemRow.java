package org.supportrag.eval.dataset;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.CaseType;

/**
 * A stored dataset item of either kind: an answer-level case, or a BEIR query ({@code type} {@value #BEIR_QUERY},
 * judgements in {@code metadata.qrels}).
 */
record ItemRow(String key, String type, List<String> turns, List<String> facts, List<String> sources,
        @Nullable String reference, @Nullable String knowledgeBase, Map<String, Object> metadata) {

    static final String BEIR_QUERY = "beir_query";

    static ItemRow of(AnswerCase item) {
        return new ItemRow(item.id(), item.type().wireName(), item.turns(), item.facts(), item.sources(),
                item.reference(), item.knowledgeBase(), item.metadata());
    }

    /** The answer-level case; only for rows of an {@code answers} dataset. */
    AnswerCase toCase() {
        CaseType caseType = CaseType.fromWireName(type)
            .orElseThrow(() -> new IllegalStateException("not an answer-level item: " + type));
        return new AnswerCase(key, caseType, turns, facts, sources, reference, knowledgeBase, metadata);
    }
}
