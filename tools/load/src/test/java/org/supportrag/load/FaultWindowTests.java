package org.supportrag.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.supportrag.load.FaultWindow.Turn;
import org.supportrag.load.Outcomes.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class FaultWindowTests {

    // The fault is injected at 10 s and healed at 20 s (epoch ms, relative for reading).
    static final FaultWindow WINDOW = new FaultWindow(10_000, 20_000, null);

    static Turn turn(long startedAtMs, long endedAtMs, Outcome outcome, String... flags) {
        return new Turn(startedAtMs, endedAtMs, 50_000, outcome, List.of(flags));
    }

    @Test
    void endsAtTheFirstTurnAnsweredNormallyThatStartedAfterTheHeal() {
        Turn before = turn(1_000, 2_000, Outcome.ANSWERED);
        Turn runningAtInjection = turn(9_000, 12_000, Outcome.ANSWERED, "llm_fallback");
        Turn duringFault = turn(15_000, 16_000, Outcome.ESCALATED, "retrieval_unavailable");
        Turn normalBeforeHeal = turn(18_000, 19_000, Outcome.ANSWERED);
        Turn fallbackAfterHeal = turn(21_000, 22_000, Outcome.ANSWERED, "llm_fallback");
        Turn firstNormal = turn(23_000, 24_000, Outcome.ANSWERED);
        Turn later = turn(25_000, 26_000, Outcome.ESCALATED);

        FaultWindow.Split split = WINDOW.split(List.of(later, firstNormal, fallbackAfterHeal, normalBeforeHeal,
                duringFault, runningAtInjection, before));

        assertThat(split.recovered()).isTrue();
        assertThat(split.endMs()).isEqualTo(23_000);
        assertThat(split.seconds(WINDOW.injectedAtMs())).isEqualTo(13.0);
        assertThat(split.inside()).containsExactlyInAnyOrder(runningAtInjection, duringFault, normalBeforeHeal,
                fallbackAfterHeal);
        assertThat(split.outside()).containsExactlyInAnyOrder(before, firstNormal, later);
    }

    @Test
    void aCacheHitAnAgentsConversationOrAnEscalationDoesNotProveRecovery() {
        Turn cacheHit = turn(21_000, 21_100, Outcome.ANSWERED, "cache_hit");
        Turn agentHandling = turn(21_200, 21_300, Outcome.ANSWERED, "agent_handling");
        Turn escalated = turn(22_000, 23_000, Outcome.ESCALATED);
        Turn failed = turn(22_500, 23_000, Outcome.FAILED);
        Turn normal = turn(24_000, 25_000, Outcome.ANSWERED, "low_confidence_caveat");

        FaultWindow.Split split = WINDOW.split(List.of(cacheHit, agentHandling, escalated, failed, normal));

        assertThat(split.endMs()).isEqualTo(24_000);
        assertThat(split.inside()).containsExactlyInAnyOrder(cacheHit, agentHandling, escalated, failed);
    }

    @Test
    void withoutANormalAnswerAfterTheHealEveryTurnFromTheInjectionOnIsInside() {
        Turn before = turn(1_000, 2_000, Outcome.ANSWERED);
        Turn after = turn(30_000, 31_000, Outcome.ESCALATED, "all_models_failed");

        FaultWindow.Split split = WINDOW.split(List.of(before, after));

        assertThat(split.recovered()).isFalse();
        assertThat(split.inside()).containsExactly(after);
        assertThat(split.outside()).containsExactly(before);
        // Not healed before the load ended: the same, even with a fixed recovery window.
        split = new FaultWindow(10_000, FaultWindow.NOT_HEALED, Duration.ofSeconds(5)).split(List.of(before, after));
        assertThat(split.recovered()).isFalse();
        assertThat(split.inside()).containsExactly(after);
        assertThat(split.outside()).containsExactly(before);
    }

    @Test
    void aFixedRecoveryWindowEndsThatLongAfterTheHeal() {
        FaultWindow fixed = new FaultWindow(10_000, 20_000, Duration.ofSeconds(5));
        Turn firstNormal = turn(21_000, 22_000, Outcome.ANSWERED);
        Turn stillInside = turn(24_000, 26_000, Outcome.ANSWERED);
        Turn outside = turn(25_000, 26_000, Outcome.ANSWERED);

        FaultWindow.Split split = fixed.split(List.of(firstNormal, stillInside, outside));

        assertThat(split.endMs()).isEqualTo(25_000);
        assertThat(split.inside()).containsExactly(firstNormal, stillInside);
        assertThat(split.outside()).containsExactly(outside);
    }

    @Test
    void aFaultThatHealsAtOnceHasItsWindowFromTheInjection() {
        FaultWindow atOnce = new FaultWindow(10_000, 5_000, null);

        assertThat(atOnce.healedAtMs()).isEqualTo(10_000);
        assertThat(atOnce.split(List.of(turn(10_500, 11_000, Outcome.ANSWERED))).endMs()).isEqualTo(10_500);
    }

    @Test
    void givesNoOutsideFigureWhenTheWindowCoversEveryTurn(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("fault.txt");
        // Injected before the only turn and never healed within it: the turn is inside.
        Files.writeString(file, "injected " + (System.currentTimeMillis() - 1_000) + "\n");
        Outcomes outcomes = new Outcomes(directory.resolve("out"));
        long started = System.nanoTime();
        outcomes.firstToken(started);
        outcomes.turn(started, Outcome.ANSWERED, "c1", "m1", null, List.of("llm_fallback"));

        Map<String, Object> summary = outcomes.finish(LoadConfig.from(Map.of("fault-file", file.toString())::get));

        assertThat(summary).containsEntry("turns_in_fault_window", 1)
            .containsEntry("fault_window", "not healed before the load ended")
            .doesNotContainKeys("ttft_outside_fault_p50_ms", "ttft_outside_fault_p95_ms", "fault_heal_s");
    }

    @Test
    void readsTheInjectorsFileAndNothingForABaseline(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("fault.txt");
        Files.writeString(file, "injected 1000\nhealed 4000\n");

        assertThat(FaultWindow.read(file, null)).isEqualTo(new FaultWindow(1_000, 4_000, null));
        assertThat(FaultWindow.read(directory.resolve("none.txt"), null)).isNull();
        Files.writeString(file, "injected 1000\n");
        assertThat(FaultWindow.read(file, null)).isEqualTo(new FaultWindow(1_000, FaultWindow.NOT_HEALED, null));
        Files.writeString(file, "healed 4000\n");
        assertThat(FaultWindow.read(file, null)).isNull();
    }

    @Test
    void theSummaryReportsTtftOutsideTheWindowNextToTheOverallFigure(@TempDir Path directory) throws Exception {
        long now = System.currentTimeMillis();
        Path file = directory.resolve("fault.txt");
        // Injected and healed long before these turns: the window closes at the first one, a normal answer.
        Files.writeString(file, "injected " + (now - 60_000) + "\nhealed " + (now - 60_000) + "\n");
        Outcomes outcomes = new Outcomes(directory.resolve("out"));
        long started = System.nanoTime();
        outcomes.firstToken(started);
        outcomes.turn(started, Outcome.ANSWERED, "c1", "m1", null, List.of());

        Map<String, Object> summary = outcomes.finish(LoadConfig.from(Map.of("fault-file", file.toString())::get));

        assertThat(summary).containsEntry("turns_outside_fault_window", 1)
            .containsEntry("fault_window", "to the first normal answer after the heal")
            .containsKeys("fault_window_s", "ttft_outside_fault_p50_ms", "ttft_outside_fault_p95_ms");
        assertThat(summary.get("ttft_outside_fault_p95_ms")).isEqualTo(summary.get("ttft_p95_ms"));
        assertThat(Files.readString(directory.resolve("out/turns.jsonl"))).contains("\"startedAt\":")
            .contains("\"ttftMs\":");
    }
}
