package org.supportrag.defaults.embedding;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

/**
 * Benchmark (run by {@code bin/bench.d/25-query-embedding}, not a test): wall and CPU time of one query embedding, the
 * retrieval hot path's model call, with one ONNX intra-op thread against the machine's processors. Both models are
 * loaded in this process and measured in alternating rounds on the same questions, so the machine's load affects
 * both alike. Prints one JSON object per line.
 */
public final class QueryEmbeddingLatencyBenchmark {

    private static final String[] QUESTIONS = { "How long do refunds take for order %d?",
            "Can I return an opened item if I bought it %d days ago?", "How do I turn on two-factor on account %d?",
            "Which countries do you ship parcel %d to?", "Why was my card declined on invoice %d?" };

    private QueryEmbeddingLatencyBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int processors = Runtime.getRuntime().availableProcessors();
        EmbeddingProperties defaults = EmbeddingProperties.defaults();
        int[] settings = processors > 1 ? new int[] { 1, processors } : new int[] { 1 };
        List<OnnxEmbeddingModel> models = new ArrayList<>();
        try {
            DefaultTextEmbedder[] embedders = new DefaultTextEmbedder[settings.length];
            for (int s = 0; s < settings.length; s++) {
                EmbeddingProperties properties = defaults.withThreads(settings[s]);
                OnnxEmbeddingModel model = OnnxEmbeddingModel.load(properties);
                models.add(model);
                embedders[s] = new DefaultTextEmbedder(model, model.tokenCounter(), properties);
            }
            double[][] wall = new double[settings.length][rounds];
            double[][] cpu = new double[settings.length][rounds];
            int number = 0;
            // Round 0 warms up both models and the JIT; it is not reported.
            for (int round = 0; round <= rounds; round++) {
                for (int s = 0; s < settings.length; s++) {
                    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                    long cpuStart = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    for (int i = 0; i < queries; i++) {
                        number++;
                        embedders[s].embedQuery(QUESTIONS[number % QUESTIONS.length].formatted(1000 + number));
                    }
                    if (round > 0) {
                        wall[s][round - 1] = (System.nanoTime() - start) / 1e6 / queries;
                        cpu[s][round - 1] = (os.getProcessCpuTime() - cpuStart) / 1e6 / queries;
                        System.out.printf(Locale.ROOT,
                                "{\"benchmark\":\"query-embedding\",\"measure\":\"round\",\"round\":%d,\"threads\":%d,"
                                        + "\"wall_ms\":%.3f,\"cpu_ms\":%.3f}%n",
                                round, settings[s], wall[s][round - 1], cpu[s][round - 1]);
                    }
                }
            }
            for (int s = 0; s < settings.length; s++) {
                System.out.printf(Locale.ROOT,
                        "{\"benchmark\":\"query-embedding\",\"measure\":\"summary\",\"threads\":%d,\"queries\":%d,"
                                + "\"rounds\":%d,\"wall_ms_median\":%.3f,\"cpu_ms_median\":%.3f,\"processors\":%d}%n",
                        settings[s], queries, rounds, median(wall[s]), median(cpu[s]), processors);
            }
        }
        finally {
            models.forEach(OnnxEmbeddingModel::close);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
