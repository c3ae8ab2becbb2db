package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.crm.CustomerContext;
import org.supportrag.generation.escalation.Handover;
import org.supportrag.generation.guardrail.InputVerdict;
import org.supportrag.generation.guardrail.OutputFilter;
import org.supportrag.generation.routing.TurnOutcome;
import org.supportrag.generation.texts.CustomerTexts;

/**
 * Stage 7, conclude: gathers the turn's signals and lets {@link Handover} decide with the confidence the
 * {@link org.supportrag.generation.confidence.ConfidenceScorer} gives: answer, answer with a caveat, or hand over to
 * a person (the closing text is appended to the stream).
 */
@Component
@RequiredArgsConstructor
class ConcludeStage {

    static final String NAME = "conclude";

    private final Handover handover;
    private final StageObserver observer;
    private final CustomerTexts texts;

    Handover.Outcome conclude(String tenantId, @Nullable Locale visitorLanguage, InputVerdict input, RetrieveStage.Retrieved retrieved, AugmentStage.Augmented augmented,
            TurnOutcome routed, ValidateStage.Validation validation, List<SearchHit> hits, OutputFilter output) {
        return observer.observe(NAME, context -> {
            List<String> signals = new ArrayList<>(input.flags());
            if (augmented.customer().unavailable()) {
                signals.add(CustomerContext.CRM_UNAVAILABLE);
            }
            signals.addAll(retrieved.flags());
            signals.addAll(routed.answer().flags());
            if (routed.escalate()) {
                signals.add(Handover.ESCALATE_SIGNAL);
            }
            signals.addAll(validation.flags());
            // Confidence is the answerability of the answer for what was asked (the standalone form of a follow-up),
            // by the model fitted on its answerer's kind of answers (the answer says which).
            String asked = retrieved.standaloneQuery() != null ? retrieved.standaloneQuery() : input.question();
            Handover.Outcome outcome = handover.conclude(input.policy(), routed.answer().calibration(), asked,
                    routed.answer().confidence(), hits, retrieved.queryTerms(), output, signals,
                    texts.localeOf(tenantId, input.question(), visitorLanguage));
            context.items(outcome.flags().size()).outcome(outcome.escalated() ? "escalate" : "answer");
            return outcome;
        });
    }
}
