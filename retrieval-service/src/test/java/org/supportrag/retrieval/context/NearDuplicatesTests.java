package org.supportrag.retrieval.context;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NearDuplicatesTests {

    private static final String REFUND = "Refunds are paid back to the original payment method within 14 days "
            + "after we receive the returned item in its original packaging.";

    @Test
    void dropsANearCopyOfABetterRankedTextAndKeepsTheOrder() {
        List<String> ranked = List.of(REFUND, "Shipping takes three to five business days within the EU.",
                REFUND.replace("14 days", "14 days.") + " ", "Invoices are sent by email.");

        assertThat(NearDuplicates.suppress(ranked, Function.identity(), 0.9, 10)).containsExactly(ranked.get(0),
                ranked.get(1), ranked.get(3));
    }

    @Test
    void keepsTextsThatOnlyShareSomeWords() {
        List<String> ranked = List.of(REFUND, "Refunds for digital goods are paid within 14 days of the request.");

        assertThat(NearDuplicates.suppress(ranked, Function.identity(), 0.9, 10)).isEqualTo(ranked);
    }

    @Test
    void stopsAtTheLimitAndIsOffAtThresholdOne() {
        List<String> ranked = List.of(REFUND, REFUND, "Invoices are sent by email.");

        assertThat(NearDuplicates.suppress(ranked, Function.identity(), 0.9, 1)).containsExactly(REFUND);
        assertThat(NearDuplicates.suppress(ranked, Function.identity(), 1, 10)).isEqualTo(ranked);
    }
}
