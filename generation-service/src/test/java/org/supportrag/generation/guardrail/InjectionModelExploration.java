package org.supportrag.generation.guardrail;

import org.junit.jupiter.api.Test;

/** Compares training settings on the validation part. Not part of the suite; run with -Dtest=InjectionModelExploration. */
class InjectionModelExploration {

    @Test
    void rulesOnTuningChunks() {
        java.nio.file.Path tuning = InjectionModelTrainer.repositoryRoot().resolve("datasets/demo/injection/tuning.jsonl");
        int benign = 0;
        int flagged = 0;
        int planted = 0;
        int caught = 0;
        for (InjectionModelTrainer.Example example : InjectionModelTrainer.jsonl(tuning, "demo-tuning")) {
            if (!example.where().equals(InjectionModelTrainer.CHUNK)) {
                continue;
            }
            boolean rule = InjectionDetector.matchesIndirectRules(example.text());
            if (example.label() == 0) {
                benign++;
                flagged += rule ? 1 : 0;
                if (rule) {
                    System.out.println("EXPLORE flagged: " + example.text().replace("\n", " | ") + " direct=" + InjectionDetector.matchesDirectRules(example.text()));
                }
            }
            else {
                planted++;
                caught += rule ? 1 : 0;
            }
        }
        System.out.printf("EXPLORE rules on tuning chunks: benign %d flagged %d, planted %d caught %d%n", benign, flagged,
                planted, caught);
    }

    @Test
    void compare() {
        int[] epochs = { 8, 20 };
        double[] rates = { 0.05, 0.1, 0.2 };
        double[] l2s = { 1e-6 };
        int[] templates = { 120 };
        for (int e : epochs) {
            for (double r : rates) {
                for (double l : l2s) {
                    for (int t : templates) {
                        InjectionModelTrainer.Result result = InjectionModelTrainer
                            .train(new InjectionModelTrainer.Settings(e, r, l, t));
                        System.out.printf("EXPLORE epochs=%d rate=%.2f l2=%.0e templates=%d typed=%s chunks=%s by=%s%n", e, r,
                                l, t, result.typed().json(), result.chunks().json() + " demo=" + result.demoChunks().json(), result.typedBySource());
                    }
                }
            }
        }
    }

    @Test
    void misses() {
        InjectionModelTrainer.Result result = InjectionModelTrainer.train();
        System.out.printf("EXPLORE typed=%s chunks=%s demo=%s by=%s thresholds %.3f %.3f%n", result.typed().json(),
                result.chunks().json(), result.demoChunks().json(), result.typedBySource(),
                result.model().inputThreshold(), result.model().chunkThreshold());
        for (InjectionModelTrainer.Scored s : result.typedScored()) {
            boolean flagged = s.rule() || s.score() >= result.model().inputThreshold();
            if (flagged != (s.label() == 1)) {
                System.out.printf("MISS typed label=%d score=%.3f rule=%s %s%n", s.label(), s.score(), s.rule(),
                        s.text().replace("\n", " | "));
            }
        }
        for (InjectionModelTrainer.Scored s : result.chunkScored()) {
            boolean flagged = s.rule() || s.score() >= result.model().chunkThreshold();
            if (flagged != (s.label() == 1)) {
                System.out.printf("MISS chunk label=%d score=%.3f rule=%s %s%n", s.label(), s.score(), s.rule(),
                        s.text().replace("\n", " | "));
            }
        }
    }
}
