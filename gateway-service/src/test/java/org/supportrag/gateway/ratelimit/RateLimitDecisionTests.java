package org.supportrag.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class RateLimitDecisionTests {

    static final long SECOND = 1_000_000_000L;

    @Test
    void roundsPartialSecondsUp() {
        assertThat(RateLimitDecision.ceilSeconds(0)).isZero();
        assertThat(RateLimitDecision.ceilSeconds(1)).isEqualTo(1);
        assertThat(RateLimitDecision.ceilSeconds(SECOND)).isEqualTo(1);
        assertThat(RateLimitDecision.ceilSeconds(SECOND + 1)).isEqualTo(2);
        assertThat(RateLimitDecision.ceilSeconds(-5)).isZero();
    }

    @Test
    void describesAnAllowedRequestWithoutRetryAfter() {
        RateLimitDecision decision = RateLimitDecision.of(10, ConsumptionProbe.consumed(7, 18 * SECOND + 5));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.headers()).containsExactly(entry("RateLimit-Limit", "10"), entry("RateLimit-Remaining", "7"),
                entry("RateLimit-Reset", "19"));
    }

    @Test
    void tellsARejectedClientWhenToRetry() {
        RateLimitDecision decision = RateLimitDecision.of(3, ConsumptionProbe.rejected(0, 19 * SECOND + 400, 59 * SECOND));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.headers()).containsExactly(entry("RateLimit-Limit", "3"), entry("RateLimit-Remaining", "0"),
                entry("RateLimit-Reset", "59"), entry("Retry-After", "20"));
    }

    @Test
    void neverTellsARejectedClientToRetryImmediately() {
        RateLimitDecision decision = RateLimitDecision.of(3, ConsumptionProbe.rejected(0, 0, 0));

        assertThat(decision.retryAfterSeconds()).isEqualTo(1);
        assertThat(decision.resetSeconds()).isEqualTo(1);
    }

    @Test
    void picksTheLimitWithFewestRequestsLeftAsTheTightest() {
        RateLimitDecision roomy = RateLimitDecision.of(100, ConsumptionProbe.consumed(90, 6 * SECOND));
        RateLimitDecision tight = RateLimitDecision.of(5, ConsumptionProbe.consumed(2, 36 * SECOND));

        assertThat(roomy.tighterOf(tight)).isSameAs(tight);
        assertThat(tight.tighterOf(roomy)).isSameAs(tight);
    }

    @Test
    void letsARejectionWinOverAnyAllowedLimit() {
        RateLimitDecision allowed = RateLimitDecision.of(5, ConsumptionProbe.consumed(0, 60 * SECOND));
        RateLimitDecision rejected = RateLimitDecision.of(100, ConsumptionProbe.rejected(0, SECOND, 60 * SECOND));

        assertThat(allowed.tighterOf(rejected)).isSameAs(rejected);
        assertThat(rejected.tighterOf(allowed)).isSameAs(rejected);
    }
}
