package org.supportrag.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LoadConfigTests {

    @Test
    void defaultsToTwentyPacedConversationsAgainstALocalGateway() {
        LoadConfig config = LoadConfig.from((name) -> null);

        assertThat(config.baseUrls()).containsExactly("http://127.0.0.1:8080");
        assertThat(config.origin()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.conversations()).isEqualTo(20);
        assertThat(config.think()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void takesSeveralGatewaysAndTheOriginOfTheFirst() {
        Map<String, String> values = Map.of("base-url", "http://a:8080/, http://b:8080", "duration-s", "30");

        LoadConfig config = LoadConfig.from(values::get);

        assertThat(config.baseUrls()).containsExactly("http://a:8080", "http://b:8080");
        assertThat(config.origin()).isEqualTo("http://a:8080");
        assertThat(config.duration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        assertThat(Outcomes.percentile(List.of(1_000L, 2_000L, 3_000L, 4_000L), 50)).isEqualTo(2.0);
        assertThat(Outcomes.percentile(List.of(1_000L, 2_000L, 3_000L, 4_000L), 95)).isEqualTo(4.0);
        assertThat(Outcomes.percentile(List.of(), 95)).isZero();
    }

    @Test
    void writesEveryTurnWithItsOutcomeAndASummary(@TempDir Path directory) throws Exception {
        Outcomes outcomes = new Outcomes(directory);
        long started = System.nanoTime();
        outcomes.firstToken(started);
        outcomes.turn(started, Outcomes.Outcome.ANSWERED, "c1", "m1", null);
        outcomes.turn(started, Outcomes.Outcome.FAILED, "c2", null, "urn:supportrag:problem:upstream");

        Map<String, Object> summary = outcomes.finish(LoadConfig.from((name) -> null));

        assertThat(summary).containsEntry("turns", 2).containsEntry("answered", 1).containsEntry("failed", 1);
        assertThat(java.nio.file.Files.readAllLines(directory.resolve("turns.jsonl"))).hasSize(2)
            .first().asString().contains("\"messageId\":\"m1\"").contains("\"outcome\":\"answered\"");
        assertThat(directory.resolve("summary.json")).exists();
    }
}
