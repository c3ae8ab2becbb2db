package org.supportrag.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The seconds a fault itself costs, taken out of the TTFT figure: the window runs from the fault's injection until
 * the first turn started after the fault was healed that was answered normally again (or, with a fixed recovery
 * window, until that long after the heal), and every turn that overlaps it is inside. TTFT outside the window is
 * what the platform gives the customers who did not meet the fault.
 *
 * @param injectedAtMs when the fault was injected (epoch ms)
 * @param healedAtMs when the injector had healed it: the service back and ready, the stub's scripted faults used up
 * (epoch ms; the injection time for a fault that heals at once, like a killed replica behind failover)
 * @param fixedRecovery the window ends this long after the heal instead of at the first normal answer; null: the
 * first normal answer
 */
record FaultWindow(long injectedAtMs, long healedAtMs, @Nullable Duration fixedRecovery) {

    /**
     * Flags of an answer that did not take the normal path: the fault's own, a cache hit or a conversation an agent
     * is handling (both skip retrieval and the model, so they prove nothing about their recovery).
     */
    static final Set<String> NOT_NORMAL_FLAGS = Set.of("llm_fallback", "llm_interrupted", "retrieval_unavailable",
            "all_models_failed", "crm_unavailable", "cache_hit", "agent_handling");

    /** One turn as the generator saw it; {@code ttftMicros} negative when no first event arrived. */
    record Turn(long startedAtMs, long endedAtMs, long ttftMicros, Outcomes.Outcome outcome, List<String> flags) {

        boolean answeredNormally() {
            return outcome == Outcomes.Outcome.ANSWERED && flags.stream().noneMatch(NOT_NORMAL_FLAGS::contains);
        }
    }

    /**
     * What the window holds.
     *
     * @param endMs where the window ended (epoch ms); the last turn's end when it never recovered
     * @param recovered whether a turn was answered normally after the heal (always with a fixed window)
     */
    record Split(long endMs, boolean recovered, List<Turn> inside, List<Turn> outside) {

        double seconds(long injectedAtMs) {
            return Math.round((endMs - injectedAtMs) / 100.0) / 10.0;
        }
    }

    /** {@link #healedAtMs()} of a fault that was not healed before the load ended. */
    static final long NOT_HEALED = Long.MAX_VALUE;

    boolean healed() {
        return this.healedAtMs != NOT_HEALED;
    }

    FaultWindow {
        healedAtMs = Math.max(healedAtMs, injectedAtMs);
    }

    Split split(List<Turn> turns) {
        long end;
        boolean recovered;
        if (this.fixedRecovery != null && healed()) {
            end = this.healedAtMs + this.fixedRecovery.toMillis();
            recovered = true;
        }
        else {
            Turn first = turns.stream()
                .filter((turn) -> turn.startedAtMs() >= this.healedAtMs && turn.answeredNormally())
                .min(java.util.Comparator.comparingLong(Turn::startedAtMs))
                .orElse(null);
            recovered = first != null;
            end = first != null ? first.startedAtMs()
                    : turns.stream().mapToLong(Turn::endedAtMs).max().orElse(this.healedAtMs) + 1;
        }
        List<Turn> inside = new ArrayList<>();
        List<Turn> outside = new ArrayList<>();
        for (Turn turn : turns) {
            // Turns still running at the injection met the fault too; without recovery every later turn is inside.
            boolean overlaps = turn.startedAtMs() < end && turn.endedAtMs() > this.injectedAtMs;
            (overlaps ? inside : outside).add(turn);
        }
        return new Split(end, recovered, inside, outside);
    }

    /**
     * Reads the injector's file: lines {@code injected <epoch ms>} and, once healed, {@code healed <epoch ms>}
     * ({@link #NOT_HEALED} without it); null when there is no such file or it names no injection (a baseline).
     */
    static @Nullable FaultWindow read(Path file, @Nullable Duration fixedRecovery) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        long injected = -1;
        long healed = -1;
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[0].equals("injected")) {
                    injected = Long.parseLong(parts[1]);
                }
                else if (parts.length == 2 && parts[0].equals("healed")) {
                    healed = Long.parseLong(parts[1]);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        // Not healed yet when the load ended (a service still starting): the window runs to the end.
        return injected < 0 ? null : new FaultWindow(injected, healed < 0 ? NOT_HEALED : healed, fixedRecovery);
    }
}
