package org.supportrag.eval.judge;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AgreementTests {

    /** Both say yes 20 times, A yes and B no 5, A no and B yes 10, both no 15: po 0.7, pe 0.5, kappa 0.4. */
    @Test
    void cohensKappaMatchesTheHandComputedTwoByTwoTable() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        add(a, b, "yes", "yes", 20);
        add(a, b, "yes", "no", 5);
        add(a, b, "no", "yes", 10);
        add(a, b, "no", "no", 15);

        Agreement agreement = Agreement.of(a, b);

        assertThat(agreement.items()).isEqualTo(50);
        assertThat(agreement.accuracy()).isCloseTo(0.7, within(1e-12));
        assertThat(agreement.kappa()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void perfectAgreementIsKappaOneAndAgreementNoBetterThanChanceIsZero() {
        assertThat(Agreement.of(List.of("a", "b", "a"), List.of("a", "b", "a")).kappa()).isEqualTo(1.0);
        // Each rater says yes half the time, independently: po = pe = 0.5.
        assertThat(Agreement.of(List.of("y", "y", "n", "n"), List.of("y", "n", "y", "n")).kappa())
            .isCloseTo(0.0, within(1e-12));
    }

    private static void add(List<String> a, List<String> b, String first, String second, int times) {
        for (int i = 0; i < times; i++) {
            a.add(first);
            b.add(second);
        }
    }
}
