package org.supportrag.generation.confidence;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.guardrail.TenantPolicy;

import static org.assertj.core.api.Assertions.assertThat;

class ConfidenceScorerTests {

    static final SearchHit REFUNDS = hit("Refund policy", "You can request a refund within 30 days of purchase. "
            + "Refunds are issued to the original payment method within 5 business days. Gift cards are not "
            + "refundable.", 0.82);
    static final SearchHit SHIPPING = hit("Shipping", "Standard shipping takes 3 to 7 business days.", 0.61);

    final ConfidenceScorer scorer = new ConfidenceScorer(new ConfidenceProperties(0.5, 0.3, 0.4));
    final TenantPolicy policy = new TenantPolicy(List.of(), List.of(), 0.5, 0.3, TenantPolicy.REFUSE);

    static SearchHit hit(String title, String text, double score) {
        return new SearchHit(UUID.randomUUID(), UUID.randomUUID(), title, null, null, text, score, 0);
    }

    @Test
    void aGroundedCitedAnswerScoresHighAndIsAnswered() {
        Assessment assessment = scorer.assess(policy, List.of(REFUNDS, SHIPPING),
                "Refunds go to your original payment method within 5 business days [1]. Gift cards cannot be "
                        + "refunded [1].", List.of());

        assertThat(assessment.groundedness()).isGreaterThan(0.8);
        assertThat(assessment.combined()).isGreaterThan(0.7);
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.ANSWER);
    }

    @Test
    void anAnswerItsSourcesDoNotSupportScoresLow() {
        Assessment assessment = scorer.assess(policy, List.of(REFUNDS, SHIPPING),
                "Our premium members receive lifetime warranties and free installation services [1].", List.of());

        assertThat(assessment.groundedness()).isLessThan(0.2);
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.ESCALATE);
    }

    @Test
    void uncitedSentencesCountHalf() {
        double cited = ConfidenceScorer.groundedness("Standard shipping takes 3 to 7 business days [2].",
                List.of(REFUNDS, SHIPPING));
        double uncited = ConfidenceScorer.groundedness("Standard shipping takes 3 to 7 business days.",
                List.of(REFUNDS, SHIPPING));

        assertThat(cited).isEqualTo(1.0);
        assertThat(uncited).isEqualTo(0.5);
    }

    @Test
    void nothingRetrievedMeansNoEvidence() {
        Assessment assessment = scorer.assess(policy, List.of(), "I could not find that.", List.of());

        assertThat(assessment.combined()).isZero();
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.ESCALATE);
    }

    @Test
    void theTenantsThresholdsChooseAnswerCaveatOrEscalate() {
        TenantPolicy strict = new TenantPolicy(List.of(), List.of(), 0.95, 0.9, TenantPolicy.REFUSE);
        TenantPolicy lenient = new TenantPolicy(List.of(), List.of(), 0.2, 0.1, TenantPolicy.REFUSE);
        TenantPolicy middle = new TenantPolicy(List.of(), List.of(), 0.95, 0.1, TenantPolicy.REFUSE);
        String answer = "Refunds go to your original payment method within 5 business days [1].";
        List<SearchHit> context = List.of(REFUNDS, SHIPPING);

        assertThat(scorer.assess(strict, context, answer, List.of()).decision())
            .isEqualTo(Assessment.Decision.ESCALATE);
        assertThat(scorer.assess(middle, context, answer, List.of()).decision())
            .isEqualTo(Assessment.Decision.CAVEAT);
        assertThat(scorer.assess(lenient, context, answer, List.of()).decision())
            .isEqualTo(Assessment.Decision.ANSWER);
    }

    @Test
    void guardrailSignalsLowerTheScore() {
        String answer = "Refunds go to your original payment method within 5 business days [1].";
        double clean = scorer.assess(policy, List.of(REFUNDS), answer, List.of()).combined();
        double injected = scorer.assess(policy, List.of(REFUNDS), answer, List.of("prompt_injection")).combined();
        double cut = scorer.assess(policy, List.of(REFUNDS), answer, List.of("system_prompt_leak")).combined();

        assertThat(injected).isLessThan(clean);
        assertThat(cut).isZero();
    }
}
