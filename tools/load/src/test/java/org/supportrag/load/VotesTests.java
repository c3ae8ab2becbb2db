package org.supportrag.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VotesTests {

    @Test
    void serviceUnavailableGatewayErrorsAndRateLimitsAreSentAgainAndOtherStatusesAreFinal() {
        assertThat(Votes.retriable(503)).isTrue();
        assertThat(Votes.retriable(502)).isTrue();
        assertThat(Votes.retriable(504)).isTrue();
        assertThat(Votes.retriable(429)).isTrue();
        assertThat(Votes.retriable(400)).isFalse();
        assertThat(Votes.retriable(404)).isFalse();
        assertThat(Votes.retriable(500)).isFalse();
    }

    @Test
    void theWaitDoublesWithJitterUpToThirtySeconds() {
        assertThat(Votes.backoffMillis(0, null, 0)).isEqualTo(500);
        assertThat(Votes.backoffMillis(0, null, 1)).isEqualTo(1000);
        assertThat(Votes.backoffMillis(3, null, 1)).isEqualTo(8000);
        assertThat(Votes.backoffMillis(20, null, 1)).isEqualTo(30_000);
        assertThat(Votes.backoffMillis(20, null, 0)).isEqualTo(15_000);
    }

    @Test
    void retryAfterIsWaitedAtLeast() {
        assertThat(Votes.backoffMillis(0, "7", 0)).isEqualTo(7000);
        assertThat(Votes.backoffMillis(0, "Wed, 21 Oct 2026 07:28:00 GMT", 0)).isEqualTo(500);
    }
}
