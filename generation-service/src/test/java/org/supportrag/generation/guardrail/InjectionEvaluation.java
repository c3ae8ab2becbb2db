package org.supportrag.generation.guardrail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * Injection detection on a labelled set ({@code {"text","label","lang","where"}} lines), as the product applies it:
 * typed input through {@link InjectionDetector#direct}, document text through {@link InjectionDetector#indirect}.
 * Prints recall and false-positive rate per channel and language plus the latency of each check. Not part of the
 * suite; {@code bin/bench.d/46-injection-detection} runs it with {@code -Dinjection.set=<file>} (default: the demo
 * test split) and publishes the figures.
 */
class InjectionEvaluation {

    record Counts(int positives, int negatives, int truePositives, int falsePositives) {

        Counts add(int label, boolean flagged) {
            return new Counts(positives + label, negatives + 1 - label, truePositives + (label == 1 && flagged ? 1 : 0),
                    falsePositives + (label == 0 && flagged ? 1 : 0));
        }

        String json(String group) {
            return String.format(Locale.ROOT, "{\"benchmark\":\"injection\",\"group\":\"%s\",\"injections\":%d,"
                    + "\"benign\":%d,\"recall\":%.4f,\"false_positive_rate\":%.4f}", group, positives, negatives,
                    positives == 0 ? 0 : (double) truePositives / positives,
                    negatives == 0 ? 0 : (double) falsePositives / negatives);
        }
    }

    @Test
    void evaluate() throws IOException {
        Path root = InjectionModelTrainer.repositoryRoot();
        Path set = Path.of(System.getProperty("injection.set",
                root.resolve("datasets/demo/injection/test.jsonl").toString()));
        if (!Files.isRegularFile(set)) {
            throw new IllegalStateException("ABSENT: labelled injection set " + set);
        }
        List<InjectionModelTrainer.Example> examples = InjectionModelTrainer.jsonl(set, "set");
        Map<String, Counts> groups = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        for (InjectionModelTrainer.Example example : examples) {
            boolean chunk = example.where().equals(InjectionModelTrainer.CHUNK);
            boolean flagged = check(example.text(), !chunk);
            if (PRINT_ERRORS && flagged != (example.label() == 1)) {
                // -Dinjection.print-errors=true: what a model gets wrong, for a report after the one test run.
                System.out.println((flagged ? "FLAGGED benign " : "MISSED injection ") + example.stratum() + " "
                        + example.text().replace("\n", " | "));
            }
            String language = example.stratum().substring(example.stratum().indexOf('/') + 1);
            for (String group : List.of("all", example.where(), example.where() + "/" + language)) {
                groups.merge(group, new Counts(0, 0, 0, 0).add(example.label(), flagged),
                        (a, b) -> new Counts(a.positives() + b.positives(), a.negatives() + b.negatives(),
                                a.truePositives() + b.truePositives(), a.falsePositives() + b.falsePositives()));
            }
        }
        groups.forEach((group, counts) -> lines.add(counts.json(group)));
        lines.add(latency("input", examples.stream()
            .filter(example -> example.where().equals(InjectionModelTrainer.INPUT))
            .map(InjectionModelTrainer.Example::text)
            .toList(), true));
        lines.add(latency("chunk", examples.stream()
            .filter(example -> example.where().equals(InjectionModelTrainer.CHUNK))
            .map(InjectionModelTrainer.Example::text)
            .toList(), false));
        lines.forEach(System.out::println);
        String output = System.getProperty("bench.output");
        if (output != null && !output.isBlank()) {
            Files.writeString(Path.of(output), String.join("\n", lines) + "\n");
        }
    }

    /** p50/p95/p99 of one check over the set's texts, cycled 5,000 times after 2,000 warm-up checks. */
    static String latency(String where, List<String> texts, boolean typed) {
        if (texts.isEmpty()) {
            // A set of chunks only (datasets/demo/injection-chunks) has no typed texts to time.
            return String.format(Locale.ROOT, "{\"benchmark\":\"injection-latency\",\"check\":\"%s\",\"runs\":0}",
                    where);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2_000; i++) {
            check(texts.get(i % texts.size()), typed);
        }
        int runs = 5_000;
        long[] nanos = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            check(texts.get(i % texts.size()), typed);
            nanos[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        return String.format(Locale.ROOT, "{\"benchmark\":\"injection-latency\",\"check\":\"%s\",\"p50_ms\":%.4f,"
                + "\"p95_ms\":%.4f,\"p99_ms\":%.4f,\"cpu_p95_ms\":%.4f,\"runs\":%d}", where,
                GuardrailBenchmark.percentile(nanos, 0.5), GuardrailBenchmark.percentile(nanos, 0.95),
                GuardrailBenchmark.percentile(nanos, 0.99), GuardrailBenchmark.percentile(cpu, 0.95), runs);
    }

    // -Dinjection.rules-only=true measures the patterns alone, as the detector was before the classifier.
    private static final boolean RULES_ONLY = Boolean.getBoolean("injection.rules-only");
    private static final boolean PRINT_ERRORS = Boolean.getBoolean("injection.print-errors");

    private static boolean check(String text, boolean typed) {
        if (RULES_ONLY) {
            return typed ? InjectionDetector.matchesDirectRules(text) : InjectionDetector.matchesIndirectRules(text);
        }
        return typed ? InjectionDetector.direct(text) : InjectionDetector.indirect(text);
    }
}
