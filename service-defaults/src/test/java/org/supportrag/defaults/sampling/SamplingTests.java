package org.supportrag.defaults.sampling;

import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingTests {

    @Test
    void aSampleSelectsAboutItsRateAndTheSameTurnsEveryTime() {
        UUID[] ids = IntStream.range(0, 10_000).mapToObj(i -> new UUID(i * 7919L, i)).toArray(UUID[]::new);

        long selected = java.util.Arrays.stream(ids).filter(id -> Sampling.selected("online", id, 0.1)).count();

        assertThat(selected).isBetween(900L, 1100L);
        assertThat(java.util.Arrays.stream(ids).filter(id -> Sampling.selected("online", id, 0.1)).count())
            .isEqualTo(selected);
    }

    @Test
    void differentSamplesPickDifferentTurnsAndTheEdgesPickNoneOrAll() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        long both = IntStream.range(0, 10_000)
            .mapToObj(i -> new UUID(i, i * 31L))
            .filter(turn -> Sampling.selected("online", turn, 0.1) && Sampling.selected("review", turn, 0.1))
            .count();

        // Independent samples of 10 % share about 1 % of the turns, not 10 %.
        assertThat(both).isBetween(50L, 160L);
        assertThat(Sampling.selected("online", id, 0)).isFalse();
        assertThat(Sampling.selected("online", id, 1)).isTrue();
    }

    @Test
    void sampleNamesAreShortLowerCaseWords() {
        assertThat(Sampling.NAME.matcher("online").matches()).isTrue();
        assertThat(Sampling.NAME.matcher("review_queue-2").matches()).isTrue();
        assertThat(Sampling.NAME.matcher("Online").matches()).isFalse();
        assertThat(Sampling.NAME.matcher("a'--").matches()).isFalse();
    }
}
