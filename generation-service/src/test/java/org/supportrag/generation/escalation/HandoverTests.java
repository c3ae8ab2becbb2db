package org.supportrag.generation.escalation;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.confidence.ConfidenceProperties;
import org.supportrag.generation.confidence.ConfidenceScorer;
import org.supportrag.generation.guardrail.GuardrailsTestSupport;
import org.supportrag.generation.guardrail.OutputFilter;
import org.supportrag.generation.guardrail.TenantPolicy;
import org.supportrag.generation.texts.CustomerText;
import org.supportrag.generation.texts.CustomerTexts;

import static org.assertj.core.api.Assertions.assertThat;

/** How a turn ends: answer, caveat, hand-over, and the escalate signal of a model chain that gave up. */
class HandoverTests {

    static final SearchHit REFUNDS = new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "Refund policy", null, null,
            "Refunds are issued to the original payment method within 5 business days.", 0.82, 0);
    static final TenantPolicy POLICY = new TenantPolicy(List.of(), List.of(), 0.5, 0.3, TenantPolicy.REFUSE);

    final StringBuilder customerSaw = new StringBuilder();
    // conclude() only scores and appends; recording needs the database and is covered by EscalationIT.
    final CustomerTexts texts = new CustomerTexts();
    final Handover handover = new Handover(new ConfidenceScorer(new ConfidenceProperties(0.5, 0.3, 0.4)), null,
            null, texts, null);

    OutputFilter streamed(String text) {
        OutputFilter output = GuardrailsTestSupport.filter(List.of(REFUNDS), POLICY, new AnswerStream() {
            @Override
            public void token(String piece) {
                customerSaw.append(piece);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        output.token(text);
        output.finish();
        return output;
    }

    @Test
    void aGroundedAnswerEndsAsItIs() {
        OutputFilter output = streamed("Refunds go to the original payment method within 5 business days [1].");

        Handover.Outcome outcome = handover.conclude(POLICY, List.of(REFUNDS), output, List.of());

        assertThat(outcome.escalated()).isFalse();
        assertThat(outcome.flags()).isEmpty();
        assertThat(customerSaw.toString()).isEqualTo(output.text()).doesNotContain("person");
    }

    @Test
    void aModelChainThatGaveUpEscalatesWithItsOwnReasonAndAKindMessage() {
        OutputFilter output = streamed("");

        Handover.Outcome outcome = handover.conclude(POLICY, List.of(REFUNDS), output,
                List.of(Handover.ESCALATE_SIGNAL, "llm_fallback"));

        assertThat(outcome.escalated()).isTrue();
        assertThat(outcome.reasons()).contains(EscalationReasons.ALL_MODELS_FAILED);
        assertThat(outcome.flags()).doesNotContain(Handover.ESCALATE_SIGNAL).contains("llm_fallback");
        assertThat(customerSaw.toString()).isEqualTo(texts.get(CustomerText.ESCALATION_HANDED_OVER_ALONE, Locale.ENGLISH));
    }

    @Test
    void anUngroundedAnswerIsHandedOverAfterWhatWasSaid() {
        OutputFilter output = streamed("Our premium plan includes lifetime warranties on every device [1].");

        Handover.Outcome outcome = handover.conclude(POLICY, List.of(REFUNDS), output, List.of());

        assertThat(outcome.reasons()).containsExactly(EscalationReasons.LOW_CONFIDENCE);
        assertThat(outcome.flags()).contains("low_confidence");
        assertThat(customerSaw.toString()).startsWith("Our premium plan").endsWith("\n\n" + texts.get(CustomerText.ESCALATION_HANDED_OVER, Locale.ENGLISH));
    }
}
