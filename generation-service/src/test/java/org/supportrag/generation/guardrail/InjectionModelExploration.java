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

    /**
     * Chunk scoring variants on the validation chunks, with the classifiers given (-Dinjection.pretrained=bundled
     * scores with the shipped ones): the highest sentence score less a share of the second highest, since a planted
     * instruction stands out from its section while a section about the assistant or an admin page in the
     * imperative is suspicious throughout.
     */
    @Test
    void chunkScoring() {
        ValidationChunks v = ValidationChunks.train();
        java.util.List<double[]> parts = v.chunks().stream().map(s -> parts(v.model(), s.text())).toList();
        for (double lambda : new double[] {0, 0.25, 0.5, 0.75, 1.0}) {
            double[] scores = parts.stream().mapToDouble(p -> p[0] - lambda * p[1]).toArray();
            v.report("contrast", lambda, scores);
        }
    }

    /** The chunk's score as shipped and the highest score of a single sentence other than the best one. */
    static double[] parts(InjectionModel model, String text) {
        java.util.List<String> sentences = InjectionModel.sentences(text);
        double[] single = sentences.stream().mapToDouble(model::sentenceProbability).sorted().toArray();
        double second = single.length < 2 ? 0 : single[single.length - 2];
        return new double[] {model.chunkProbability(text), second};
    }

    /** Chunk scores mixing the document classifier with the typed one, sentence by sentence, on validation chunks. */
    @Test
    void chunkMix() {
        ValidationChunks v = ValidationChunks.train();
        java.util.List<double[][]> units = v.chunks().stream().map(s -> units(v.model(), s.text())).toList();
        for (double w : new double[] {0, 0.15, 0.3, 0.45, 0.6}) {
            double[] scores = units.stream().mapToDouble(u -> {
                double best = 0;
                for (double[] pair : u) {
                    best = Math.max(best, (1 - w) * pair[0] + w * pair[1]);
                }
                return best;
            }).toArray();
            v.report("mix", w, scores);
        }
    }

    /** Document and typed probability of each unit the chunk check scores (sentences, adjacent pairs, the whole). */
    static double[][] units(InjectionModel model, String text) {
        java.util.List<String> sentences = InjectionModel.sentences(text);
        java.util.List<String> all = new java.util.ArrayList<>(sentences);
        for (int i = 0; i + 1 < sentences.size(); i++) {
            all.add(sentences.get(i) + " " + sentences.get(i + 1));
        }
        if (sentences.size() > 1) {
            all.add(text);
        }
        return all.stream().map(u -> new double[] {model.sentenceProbability(u), model.probability(u)})
            .toArray(double[][]::new);
    }

    /** The validation chunks of one training run, with what every chunk-scoring variant is judged by. */
    record ValidationChunks(InjectionModel model, java.util.List<InjectionModelTrainer.Scored> chunks,
            java.util.List<String> languages, int[] labels, boolean[] rules) {

        static ValidationChunks train() {
            InjectionModelTrainer.Result result = InjectionModelTrainer.train();
            java.util.List<InjectionModelTrainer.Scored> chunks = result.chunkScored();
            boolean[] rules = new boolean[chunks.size()];
            for (int i = 0; i < rules.length; i++) {
                rules[i] = chunks.get(i).rule();
            }
            return new ValidationChunks(result.model(), chunks,
                    chunks.stream().map(InjectionModelTrainer.Scored::language).toList(),
                    chunks.stream().mapToInt(InjectionModelTrainer.Scored::label).toArray(), rules);
        }

        /** Prints a variant's rates at the per-language and the global threshold, and its top benign chunks. */
        void report(String variant, double setting, double[] scores) {
            double threshold = InjectionModelTrainer.perLanguageThreshold(scores, labels, rules, languages,
                    InjectionModelTrainer.CHUNK_MAX_FPR, InjectionModelTrainer.CHUNK_MAX_FPR_PER_LANGUAGE);
            double global = InjectionModelTrainer.threshold(scores, labels, rules, InjectionModelTrainer.CHUNK_MAX_FPR);
            System.out.printf(java.util.Locale.ROOT, "EXPLORE %s %.2f threshold %.3f %s global %.3f %s%n", variant,
                    setting, threshold, InjectionModelTrainer.rates(scores, labels, rules, threshold).json(), global,
                    InjectionModelTrainer.rates(scores, labels, rules, global).json());
            java.util.stream.IntStream.range(0, scores.length)
                .filter(i -> labels[i] == 0)
                .boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> -scores[i]))
                .limit(4)
                .forEach(i -> System.out.printf(java.util.Locale.ROOT, "  top benign %.3f [%s] %s%n", scores[i],
                        languages.get(i), chunks.get(i).text().replace("\n", " | ").substring(0,
                                Math.min(140, chunks.get(i).text().length()))));
        }
    }
}
