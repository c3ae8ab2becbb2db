package org.supportrag.ragctl;

import java.util.Objects;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.supportrag.eval.answers.AnswerDatasetException;
import org.supportrag.eval.answers.CaseResult;
import org.supportrag.eval.answers.ResultsFile;
import org.supportrag.eval.gate.GateMetric;
import org.supportrag.eval.gate.GateOptions;
import org.supportrag.eval.gate.GateVerdict;
import org.supportrag.eval.gate.MetricComparison;
import org.supportrag.eval.gate.RegressionGate;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = { "The regression gate: compares two saved runs of the same dataset ('eval answers --save').",
                "Per metric, over the cases both runs score: the effect (candidate - baseline), a paired sign-flip "
                        + "permutation test (exact up to 20 changed cases, else seeded Monte Carlo) Holm-adjusted "
                        + "over the metrics, a seeded 95% paired bootstrap interval, and optional floors.",
                "Exit code 0: no significant regression; 3: a metric regressed significantly or is below its floor "
                        + "(named with its effect, p-value and the cases that flipped); 1: the input is wrong." },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = { "0:no significant regression", "3:significant regression or floor not met",
                "1:wrong input (unreadable file, different cases)", "2:wrong arguments" })
final class CompareCommand implements Callable<Integer> {

    static final int REGRESSION = 3;

    @Parameters(index = "0", paramLabel = "BASELINE.jsonl", description = "Results of the baseline run.")
    Path baseline = Path.of(".");

    @Parameters(index = "1", paramLabel = "CANDIDATE.jsonl", description = "Results of the candidate run.")
    Path candidate = Path.of(".");

    @Option(names = "--json", description = "End with one line holding the verdict as a JSON object.")
    boolean json;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the tests (default: ${DEFAULT-VALUE}).")
    long seed = GateOptions.DEFAULT_SEED;

    @Option(names = "--alpha", paramLabel = "P",
            description = "Family-wise significance level (default: ${DEFAULT-VALUE}).")
    double alpha = GateOptions.DEFAULT_ALPHA;

    @Option(names = "--min-effect", paramLabel = "D",
            description = "Ignore significant drops smaller than this (default: ${DEFAULT-VALUE}).")
    double minEffect;

    @Option(names = "--floor", paramLabel = "METRIC=VALUE",
            description = "The candidate's mean of METRIC must be at least VALUE (repeatable).")
    Map<String, Double> floors = Map.of();

    @Override
    public Integer call() {
        Map<GateMetric, Double> parsedFloors = new EnumMap<>(GateMetric.class);
        floors.forEach((key, value) -> parsedFloors.put(GateMetric.fromKey(key)
            .orElseThrow(() -> new CliException("unknown metric '" + key + "' in --floor (one of "
                    + GateMetric.keys() + ")")), value));
        GateVerdict verdict;
        try {
            GateOptions options = new GateOptions(seed, GateOptions.DEFAULT_ITERATIONS, alpha, minEffect,
                    parsedFloors);
            verdict = new RegressionGate(options).compare(read(baseline), read(candidate));
        }
        catch (IllegalArgumentException ex) {
            throw new CliException(Objects.requireNonNullElse(ex.getMessage(), "the runs cannot be compared"));
        }
        for (MetricComparison metric : verdict.metrics()) {
            System.out.println((metric.fails() ? "FAIL " : "ok   ") + metric.describe());
        }
        if (verdict.regression()) {
            for (MetricComparison failure : verdict.failures()) {
                System.err.println("ragctl: regression in " + failure.metric().key() + ": effect "
                        + String.format(java.util.Locale.ROOT, "%+.3f, p=%.4f (Holm %.4f)", failure.effect(),
                                failure.pValue(), failure.adjustedP())
                        + (failure.belowFloor() ? ", below floor " + failure.floor() : "")
                        + (failure.regressed().isEmpty() ? "" : "; worse: " + String.join(" ", failure.regressed())));
            }
        }
        else {
            System.out.println("no significant regression");
        }
        if (json) {
            System.out.println(GatewayClient.JSON.writeValueAsString(verdict.toMap()));
        }
        return verdict.regression() ? REGRESSION : 0;
    }

    private static List<CaseResult> read(Path file) {
        try {
            return new ResultsFile(GatewayClient.JSON).read(file);
        }
        catch (AnswerDatasetException ex) {
            throw new CliException(ex.getMessage());
        }
        catch (UncheckedIOException ex) {
            throw new CliException(
                    "cannot read " + file + ": " + Objects.requireNonNull(ex.getCause()).getMessage());
        }
    }
}
