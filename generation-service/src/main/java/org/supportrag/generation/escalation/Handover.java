package org.supportrag.generation.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.generation.confidence.Assessment;
import org.supportrag.generation.confidence.Calibration;
import org.supportrag.generation.confidence.ConfidenceScorer;
import org.supportrag.generation.guardrail.OutputFilter;
import org.supportrag.generation.guardrail.TenantPolicy;
import org.supportrag.generation.texts.CustomerText;
import org.supportrag.generation.texts.CustomerTexts;

/**
 * Ends a chat turn the tenant's way: scores the streamed answer, adds a caveat or hands over to a person (telling
 * the customer so), and afterwards records the evidence and the escalation.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class Handover {

    /**
     * An answer flag by which an answerer asks for the turn to escalate, e.g. when every model of a fallback
     * chain failed; it is reported as reason {@link EscalationReasons#ALL_MODELS_FAILED} and not shown as a flag.
     */
    public static final String ESCALATE_SIGNAL = "escalate";
    /**
     * A flag by which the validate stage asks for the turn to escalate because the answer holds an unsupported claim
     * and the tenant's policy says so; reported as reason {@link EscalationReasons#UNSUPPORTED_CLAIM}, not shown.
     */
    public static final String UNSUPPORTED_SIGNAL = "escalate_unsupported";
    static final String LOW_CONFIDENCE = "low_confidence";
    /** Flag of a turn not answered because an agent looks after the conversation. */
    public static final String AGENT_HANDLING = "agent_handling";
    // Separates a closing text from the answer before it.
    private static final String PARAGRAPH = "\n\n";

    private final ConfidenceScorer scorer;
    private final Escalations escalations;
    private final AnswerEvidence evidence;
    private final CustomerTexts texts;
    // A turn's reads and writes here may run twice: evidence ON CONFLICT DO NOTHING, escalate adds reasons as a set.
    private final DatabaseRetry retry;

    /**
     * How the turn ended.
     *
     * @param flags the turn's flags for {@code done} and storage
     * @param reasons why it escalated; empty when it did not
     */
    public record Outcome(Assessment assessment, List<String> flags, List<String> reasons) {

        public boolean escalated() {
            return !reasons.isEmpty();
        }

        public double confidence() {
            return assessment.combined();
        }
    }

    /**
     * Scores what the customer received so far through {@code output} and appends the closing text the decision
     * calls for: a polite stop when an output guardrail cut the answer, a caveat, or the hand-over message.
     */
    public Outcome conclude(TenantPolicy policy, List<SearchHit> context, OutputFilter output, List<String> flags) {
        return conclude(policy, Calibration.NONE, null, 0, context, List.of(), output, flags, Locale.ENGLISH);
    }

    /**
     * Like {@link #conclude(TenantPolicy, List, OutputFilter, List)}, scoring the answer to {@code question} with the
     * answerability model of its answerer's kind ({@code calibration}); {@code answererConfidence} is the answerer's
     * own estimate (kept for declines); the closing text is in {@code language}.
     */
    public Outcome conclude(TenantPolicy policy, Calibration calibration, @Nullable String question,
            double answererConfidence, List<SearchHit> context, List<QueryTerm> queryTerms, OutputFilter output,
            List<String> flags, Locale language) {
        List<String> turnFlags = new ArrayList<>();
        boolean signalled = false;
        boolean unsupported = false;
        for (String flag : flags) {
            if (ESCALATE_SIGNAL.equals(flag)) {
                signalled = true;
            }
            else if (UNSUPPORTED_SIGNAL.equals(flag)) {
                unsupported = true;
            }
            else if (!turnFlags.contains(flag)) {
                turnFlags.add(flag);
            }
        }
        Assessment assessment = scorer.assess(policy, calibration, question, answererConfidence, context,
                queryTerms, output.text(), turnFlags);
        List<String> reasons = new ArrayList<>();
        String closing = null;
        if (signalled) {
            reasons.add(EscalationReasons.ALL_MODELS_FAILED);
        }
        if (unsupported) {
            reasons.add(EscalationReasons.UNSUPPORTED_CLAIM);
        }
        if (output.blockedBy() != null) {
            if (policy.escalatesBlocked()) {
                reasons.add(EscalationReasons.GUARDRAIL);
            }
            else {
                closing = (output.text().isBlank() ? "" : PARAGRAPH) + texts.get(CustomerText.ESCALATION_BLOCKED, language);
            }
        }
        else if (assessment.decision() == Assessment.Decision.ESCALATE) {
            reasons.add(EscalationReasons.LOW_CONFIDENCE);
        }
        else if (assessment.decision() == Assessment.Decision.CAVEAT && reasons.isEmpty()) {
            closing = PARAGRAPH + texts.get(CustomerText.ESCALATION_CAVEAT, language);
        }
        if (!reasons.isEmpty()) {
            closing = output.text().isBlank() ? texts.get(CustomerText.ESCALATION_HANDED_OVER_ALONE, language)
                    : PARAGRAPH + texts.get(CustomerText.ESCALATION_HANDED_OVER, language);
        }
        if (assessment.decision() != Assessment.Decision.ANSWER && !turnFlags.contains(LOW_CONFIDENCE)) {
            turnFlags.add(LOW_CONFIDENCE);
        }
        if (closing != null) {
            output.append(closing);
        }
        return new Outcome(assessment, turnFlags, reasons);
    }

    /** Whether an agent has claimed the conversation (escalation {@code assigned}), so the assistant stays quiet. */
    public boolean agentHandles(String tenantId, UUID conversationId) {
        return retry.call(() -> escalations.find(tenantId, conversationId))
            .filter(item -> EscalationItem.ASSIGNED.equals(item.status()))
            .isPresent();
    }

    /** Whether an answer of this confidence would be given without caveat or hand-over under the tenant's policy. */
    public boolean answersAsIs(TenantPolicy policy, double confidence) {
        return scorer.decide(policy, confidence) == Assessment.Decision.ANSWER;
    }

    /** Stores the evidence of the stored answer {@code answerId} and opens the escalation if the turn escalated. */
    public @Nullable EscalationItem record(String tenantId, UUID conversationId, UUID answerId,
            List<SearchHit> context, Outcome outcome) {
        List<ContextItem> items = ContextItem.of(context);
        Map<String, Object> scores = outcome.assessment().scores();
        retry.run(() -> evidence.record(tenantId, answerId, items, scores));
        if (!outcome.escalated()) {
            return null;
        }
        return retry.call(() -> escalations.escalate(new Escalations.Request(tenantId, conversationId,
                outcome.reasons(), outcome.confidence(), answerId, items, scores, null)));
    }

    /** Records a turn that escalated before any answer was written (the customer asked, or a guardrail). */
    public EscalationItem escalateWithoutAnswer(String tenantId, UUID conversationId, UUID messageId, String reason,
            List<String> flags) {
        return retry.call(() -> escalations.escalate(new Escalations.Request(tenantId, conversationId,
                List.of(reason), null, messageId, List.of(), Map.of("flags", flags), null)));
    }
}
