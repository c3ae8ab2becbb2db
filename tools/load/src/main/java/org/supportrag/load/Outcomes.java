package org.supportrag.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the customers saw, measured here rather than read from Gatling's request statistics: the time from sending
 * a turn to its first token (TTFT) and to its {@code done} or {@code error} event, and how each turn ended. Every
 * turn is also written to {@code turns.jsonl} with its ids, so a fault scenario can check that none was lost.
 */
final class Outcomes {

    static final JsonMapper JSON = JsonMapper.shared();

    enum Outcome {
        /** A {@code done} event that did not hand the conversation over. */
        ANSWERED,
        /** A {@code done} event with {@code escalated: true}: a clean hand-over (or an offline decline offering one). */
        ESCALATED,
        /** An {@code error} event, a non-2xx answer, a cut stream or a timeout. */
        FAILED
    }

    private final Path directory;

    private final BufferedWriter turns;

    private final Map<String, Integer> votes = new TreeMap<>();

    private final long startedNanos = System.nanoTime();

    private final List<Long> ttftMicros = new ArrayList<>();

    private final List<Long> turnMicros = new ArrayList<>();

    // Per turn, for the fault window: when it started, its TTFT and flags (keyed by its start in nanos).
    private final Map<Long, Long> firstTokenByTurn = new java.util.HashMap<>();

    private final List<FaultWindow.Turn> timeline = new ArrayList<>();

    private final Map<Outcome, Integer> outcomes = new TreeMap<>();

    private final Map<String, Integer> failures = new TreeMap<>();

    private final Map<String, int[]> requests = new TreeMap<>();

    Outcomes(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            this.turns = Files.newBufferedWriter(directory.resolve("turns.jsonl"), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    synchronized void firstToken(long turnStartNanos) {
        long micros = (System.nanoTime() - turnStartNanos) / 1_000;
        this.ttftMicros.add(micros);
        this.firstTokenByTurn.putIfAbsent(turnStartNanos, micros);
    }

    synchronized void turn(long turnStartNanos, Outcome outcome, @Nullable String conversationId,
            @Nullable String messageId, @Nullable String failure) {
        turn(turnStartNanos, outcome, conversationId, messageId, failure, List.of());
    }

    /** @param flags the {@code done} event's flags (how the answer was made: fallback, cache hit...) */
    synchronized void turn(long turnStartNanos, Outcome outcome, @Nullable String conversationId,
            @Nullable String messageId, @Nullable String failure, List<String> flags) {
        long micros = (System.nanoTime() - turnStartNanos) / 1_000;
        this.turnMicros.add(micros);
        long now = System.currentTimeMillis();
        Long ttft = this.firstTokenByTurn.remove(turnStartNanos);
        this.timeline.add(new FaultWindow.Turn(now - micros / 1_000, now, ttft == null ? -1 : ttft, outcome,
                List.copyOf(flags)));
        this.outcomes.merge(outcome, 1, Integer::sum);
        if (failure != null) {
            this.failures.merge(failure, 1, Integer::sum);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", now);
        line.put("startedAt", now - micros / 1_000);
        if (ttft != null) {
            line.put("ttftMs", ttft / 1000.0);
        }
        if (!flags.isEmpty()) {
            line.put("flags", flags);
        }
        line.put("conversationId", conversationId);
        line.put("messageId", messageId);
        line.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        line.put("turnMs", micros / 1000.0);
        if (failure != null) {
            line.put("failure", failure);
        }
        try {
            this.turns.write(JSON.writeValueAsString(line));
            this.turns.newLine();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A customer's vote at its end: {@code sent} (stored, after {@code retries} re-sends), {@code refused} (a final
     * 4xx, as the widget shows it) or {@code lost} (still failing when its retry time ran out).
     */
    synchronized void vote(String outcome, int retries) {
        this.votes.merge(outcome, 1, Integer::sum);
        if (retries > 0) {
            this.votes.merge("retried", 1, Integer::sum);
            this.votes.merge("resends", retries, Integer::sum);
        }
    }

    /** Other requests (feedback, hand-over, agent, ingestion) by name: ok and failed. */
    synchronized void request(String name, boolean ok) {
        this.requests.computeIfAbsent(name, (n) -> new int[2])[ok ? 0 : 1]++;
    }

    /** Writes {@code summary.json} and returns it. */
    synchronized Map<String, Object> finish(LoadConfig config) {
        double seconds = (System.nanoTime() - this.startedNanos) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("conversations", config.conversations());
        summary.put("think_ms", config.think().toMillis());
        summary.put("duration_s", Math.round(seconds));
        int total = this.turnMicros.size();
        summary.put("turns", total);
        for (Outcome outcome : Outcome.values()) {
            summary.put(outcome.name().toLowerCase(java.util.Locale.ROOT), this.outcomes.getOrDefault(outcome, 0));
        }
        summary.put("failures", this.failures);
        summary.put("turns_per_s", Math.round(total / seconds * 100) / 100.0);
        summary.put("ttft_p50_ms", percentile(this.ttftMicros, 50));
        summary.put("ttft_p95_ms", percentile(this.ttftMicros, 95));
        summary.put("ttft_p99_ms", percentile(this.ttftMicros, 99));
        faultWindow(config, summary);
        summary.put("turn_p50_ms", percentile(this.turnMicros, 50));
        summary.put("turn_p95_ms", percentile(this.turnMicros, 95));
        summary.put("turn_p99_ms", percentile(this.turnMicros, 99));
        Map<String, Object> other = new LinkedHashMap<>();
        this.requests.forEach((name, counts) -> other.put(name, Map.of("ok", counts[0], "failed", counts[1])));
        summary.put("requests", other);
        // Votes, not requests: a vote re-sent three times before it was stored is one vote sent, and retried.
        for (String outcome : List.of("sent", "retried", "resends", "refused", "lost")) {
            summary.put("feedback_" + outcome, this.votes.getOrDefault(outcome, 0));
        }
        try {
            this.turns.close();
            Files.writeString(this.directory.resolve("summary.json"), JSON.writeValueAsString(summary) + "\n");
            // The same figures as "name value" lines for scripts (bin/faults) without a JSON parser.
            StringBuilder lines = new StringBuilder();
            summary.forEach((name, value) -> lines.append(name).append(' ')
                .append(value instanceof Map<?, ?> ? JSON.writeValueAsString(value) : value).append('\n'));
            Files.writeString(this.directory.resolve("summary.txt"), lines);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return summary;
    }

    /**
     * With {@code --fault-file}: TTFT outside the fault's own window, next to the overall figure (see
     * {@link FaultWindow}); without it the outside figures are the overall ones (nothing was injected).
     */
    private void faultWindow(LoadConfig config, Map<String, Object> summary) {
        Path file = config.faultFile();
        FaultWindow window = file == null ? null : FaultWindow.read(file, config.faultRecovery());
        List<Long> outside = this.ttftMicros;
        if (window != null) {
            FaultWindow.Split split = window.split(this.timeline);
            outside = split.outside().stream().map(FaultWindow.Turn::ttftMicros).filter((t) -> t >= 0).toList();
            summary.put("fault_window_s", split.seconds(window.injectedAtMs()));
            java.time.Duration fixed = window.fixedRecovery();
            summary.put("fault_window", fixed != null && window.healed() ? "fixed " + fixed.toSeconds() + " s after the heal"
                    : split.recovered() ? "to the first normal answer after the heal"
                    : window.healed() ? "no normal answer after the heal" : "not healed before the load ended");
            if (window.healed()) {
                summary.put("fault_heal_s", Math.round((window.healedAtMs() - window.injectedAtMs()) / 100.0) / 10.0);
            }
            summary.put("turns_in_fault_window", split.inside().size());
            summary.put("turns_outside_fault_window", split.outside().size());
        }
        // No turn outside (a window over the whole run): no figure rather than a 0 that reads as instant.
        if (!outside.isEmpty()) {
            summary.put("ttft_outside_fault_p50_ms", percentile(outside, 50));
            summary.put("ttft_outside_fault_p95_ms", percentile(outside, 95));
        }
    }

    /** Nearest-rank percentile in milliseconds with one decimal; 0 without samples. */
    static double percentile(List<Long> micros, int percentile) {
        if (micros.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return Math.round(sorted.get(Math.max(0, rank - 1)) / 100.0) / 10.0;
    }
}
