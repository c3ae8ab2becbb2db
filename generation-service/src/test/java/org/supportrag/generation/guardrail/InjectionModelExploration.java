package org.supportrag.generation.guardrail;

import org.junit.jupiter.api.Test;

/** Compares training settings on the validation part. Not part of the suite; run with -Dtest=InjectionModelExploration. */
class InjectionModelExploration {

    @Test
    void compare() {
        int[] epochs = { 8, 20 };
        double[] rates = { 0.1, 0.5 };
        double[] l2s = { 1e-6, 1e-4 };
        int[] templates = { 0, 120 };
        for (int e : epochs) {
            for (double r : rates) {
                for (double l : l2s) {
                    for (int t : templates) {
                        InjectionModelTrainer.Result result = InjectionModelTrainer
                            .train(new InjectionModelTrainer.Settings(e, r, l, t));
                        System.out.printf("EXPLORE epochs=%d rate=%.2f l2=%.0e templates=%d typed=%s chunks=%s by=%s%n", e, r,
                                l, t, result.typed().json(), result.chunks().json(), result.typedBySource());
                    }
                }
            }
        }
    }
}
