package org.supportrag.generation.grounding;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.SearchHit;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimCheckerTests {

    private static final SearchHit GIFT_CARDS = hit("Refund policy", "Gift cards are not refundable. Unused "
            + "subscription time is refunded pro rata within 5 business days.");
    private static final SearchHit VOIDING = hit("Voiding labels", "USPS labels can be voided within 30 days if they "
            + "were not scanned. The refund reaches your Postage wallet 15–21 days after voiding.");
    private static final SearchHit PRICES = hit("Plans and pricing", "The Pro plan costs $49 per month, or $470 per "
            + "year with annual billing. Extra SMS cost $0.04 each.");

    private final ClaimChecker checker = new ClaimChecker(0.5);

    @Test
    void aNegatedStatementDoesNotSupportItsOpposite() {
        // Before: "not" was a stop word, so word overlap called this grounded.
        Groundedness result = checker.check("Gift cards are refundable [1].", List.of(GIFT_CARDS));

        assertThat(result.total()).isEqualTo(1);
        assertThat(result.claims().getFirst().reason()).isEqualTo(Claim.NEGATION);
        assertThat(checker.check("Gift cards are not refundable [1].", List.of(GIFT_CARDS)).unsupported()).isZero();
    }

    @Test
    void comparesNumbersWithTheirUnits() {
        assertThat(checker.check("You can void a USPS label within 30 days [1].", List.of(VOIDING)).unsupported())
            .isZero();
        assertThat(reason("You can void a USPS label within 30 minutes [1].", VOIDING)).isEqualTo(Claim.NUMBER);
        assertThat(reason("You can void a USPS label within 45 days [1].", VOIDING)).isEqualTo(Claim.NUMBER);
        assertThat(reason("Unused subscription time is refunded within five business days [1].", GIFT_CARDS))
            .isNull();
        assertThat(reason("The Pro plan costs $49 per month [1].", PRICES)).isNull();
        assertThat(reason("The Pro plan costs $59 per month [1].", PRICES)).isEqualTo(Claim.NUMBER);
        assertThat(reason("Extra SMS cost $0.04 each [1].", PRICES)).isNull();
        assertThat(reason("Extra SMS cost $0.08 each [1].", PRICES)).isEqualTo(Claim.NUMBER);
    }

    @Test
    void comparesNamedThings() {
        assertThat(reason("UPS labels can be voided within 30 days [1].", VOIDING)).isEqualTo(Claim.NAMED);
        assertThat(reason("The refund goes to your Postage wallet [1].", VOIDING)).isNull();
    }

    @Test
    void checksASentenceAgainstTheChunkItCitesNotAnother() {
        Groundedness result = checker.check("The Pro plan costs $49 per month [2]. Gift cards are not refundable [1].",
                List.of(PRICES, GIFT_CARDS));

        assertThat(result.total()).isEqualTo(2);
        assertThat(result.unsupported()).isEqualTo(2);
        assertThat(result.unsupportedRate()).isEqualTo(1.0);
    }

    @Test
    void aSentenceOffTheTopicOfItsChunkIsUnsupported() {
        assertThat(reason("Lithium batteries ship with every carrier worldwide [1].", VOIDING)).isNotNull();
    }

    @Test
    void connectiveTextAndQuestionsAreNoClaims() {
        Groundedness result = checker.check("Here is what I found for you: Gift cards are not refundable [1]. "
                + "Is there anything else I can help with?", List.of(GIFT_CARDS));

        assertThat(result.total()).isEqualTo(1);
        assertThat(result.unsupported()).isZero();
        assertThat(checker.check("Anything", List.of()).total()).isZero();
    }

    private String reason(String answer, SearchHit source) {
        Groundedness result = checker.check(answer, List.of(source));
        assertThat(result.total()).as(answer).isEqualTo(1);
        return result.claims().getFirst().reason();
    }

    static SearchHit hit(String title, String text) {
        return new SearchHit(UUID.randomUUID(), UUID.randomUUID(), title, null, null, text, 0.8, 1);
    }
}
