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
        InjectionModelTrainer.Settings base = InjectionModelTrainer.SETTINGS;
        java.util.Map<String, InjectionModelTrainer.Settings> variants = new java.util.LinkedHashMap<>();
        variants.put("base", base);
        variants.put("no-passages", new InjectionModelTrainer.Settings(base.epochs(), base.learningRate(), base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), 0, base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("no-paraphrases", new InjectionModelTrainer.Settings(base.epochs(), base.learningRate(), base.l2(),
                base.templatesPerLanguage(), 0, base.passages(), base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("epochs20", new InjectionModelTrainer.Settings(20, base.learningRate(), base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("one-classifier", new InjectionModelTrainer.Settings(base.epochs(), base.learningRate(), base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), false, base.fits(), base.perLanguageBudget()));
        variants.put("paraphrases120", new InjectionModelTrainer.Settings(base.epochs(), base.learningRate(), base.l2(),
                base.templatesPerLanguage(), 120, base.passages(), base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("paraphrases30", new InjectionModelTrainer.Settings(base.epochs(), base.learningRate(), base.l2(),
                base.templatesPerLanguage(), 30, base.passages(), base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("rate0.1", new InjectionModelTrainer.Settings(base.epochs(), 0.1, base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("l2-1e-6", new InjectionModelTrainer.Settings(base.epochs(), base.learningRate(), 1e-6,
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("rate0.1-epochs20", new InjectionModelTrainer.Settings(20, 0.1, base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("rate0.2", new InjectionModelTrainer.Settings(base.epochs(), 0.2, base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("rate0.1-epochs30", new InjectionModelTrainer.Settings(30, 0.1, base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), base.documentClassifier(), base.fits(), base.perLanguageBudget()));
        variants.put("one-fit", new InjectionModelTrainer.Settings(base.epochs(), base.learningRate(), base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), base.documentClassifier(), 1, base.perLanguageBudget()));
        variants.put("five-fits", new InjectionModelTrainer.Settings(base.epochs(), base.learningRate(), base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), base.documentClassifier(), 5, base.perLanguageBudget()));
        variants.put("global-budget", new InjectionModelTrainer.Settings(base.epochs(), base.learningRate(), base.l2(),
                base.templatesPerLanguage(), base.paraphrasesPerLanguage(), base.passages(), base.documentClassifier(),
                base.fits(), false));
        String only = System.getProperty("explore.variants", "");
        variants.forEach((name, settings) -> {
            if (!only.isEmpty() && !java.util.List.of(only.split(",")).contains(name)) {
                return;
            }
            InjectionModelTrainer.Result result = InjectionModelTrainer.train(settings);
            System.out.printf("EXPLORE %s typed=%s chunks=%s demo=%s by=%s thresholds %.3f %.3f%n", name,
                    result.typed().json(), result.chunks().json(), result.demoChunks().json(), result.typedBySource(),
                    result.model().inputThreshold(), result.model().chunkThreshold());
        });
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
        result.chunkScored().stream()
            .filter(s -> s.label() == 0)
            .sorted(java.util.Comparator.comparingDouble(InjectionModelTrainer.Scored::score).reversed())
            .limit(15)
            .forEach(s -> System.out.printf("TOP benign chunk score=%.3f rule=%s %s%n", s.score(), s.rule(),
                    s.text().replace("\n", " | ")));
        for (InjectionModelTrainer.Scored s : result.chunkScored()) {
            boolean flagged = s.rule() || s.score() >= result.model().chunkThreshold();
            if (flagged != (s.label() == 1)) {
                System.out.printf("MISS chunk label=%d score=%.3f rule=%s %s%n", s.label(), s.score(), s.rule(),
                        s.text().replace("\n", " | "));
            }
        }
    }
}
