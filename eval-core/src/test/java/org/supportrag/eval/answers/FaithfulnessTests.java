package org.supportrag.eval.answers;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaithfulnessTests {

    private static final AnswerCitation REFUNDS = new AnswerCitation(1, null, null, "Refunds",
            "help-center/refunds.md",
            "Refunds are issued to the original payment method within 10 business days. "
                    + "Shipping fees are not refundable.");
    private static final AnswerCitation LABELS = new AnswerCitation(2, null, null, "Labels",
            "help-center/labels.md", "Unused labels can be voided within 30 days of purchase.");

    @Test
    void countsSupportedClaimsOverAllClaims() {
        // Claim 1 is in [1]; claim 2 is covered by [2]; claim 3 invents a policy; "Hope this helps!" is no claim.
        String answer = "Refunds are issued to the original payment method within 10 business days [1]. "
                + "Unused labels can be voided within 30 days [2]. Refunds include a free gift card voucher [1]. "
                + "Hope this helps!";

        Faithfulness.Result result = Faithfulness.assess(answer, List.of(REFUNDS, LABELS));

        assertThat(result.claims()).hasSize(3);
        assertThat(result.claims()).extracting(Faithfulness.Claim::supported).containsExactly(true, true, false);
        assertThat(result.score()).isEqualTo(2.0 / 3);
    }

    @Test
    void aClaimIsCheckedOnlyAgainstTheCitationsItCites() {
        // True, but cites the labels article, which does not say it.
        Faithfulness.Result result = Faithfulness.assess(
                "Refunds are issued to the original payment method within 10 business days [2].",
                List.of(REFUNDS, LABELS));

        assertThat(result.score()).isZero();
    }

    @Test
    void aChangedNumberOrAFlippedNegationIsNotSupported() {
        assertThat(Faithfulness.assess("Refunds are issued to the original payment method within 14 business days [1].",
                List.of(REFUNDS)).score()).isZero();
        assertThat(Faithfulness.assess("Shipping fees are refundable [1].", List.of(REFUNDS)).score()).isZero();
        assertThat(Faithfulness.assess("Shipping fees are not refundable [1].", List.of(REFUNDS)).score()).isEqualTo(1.0);
    }

    @Test
    void anAnswerWithoutClaimsHasNoScore() {
        assertThat(Faithfulness.assess("Hello! Thanks.", List.of(REFUNDS)).score()).isNull();
    }
}
