package org.supportrag.generation.guardrail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains the injection classifier shipped as {@link InjectionModel#RESOURCE}, reproducibly (fixed seed, one thread,
 * StrictMath). Run from the repository root:
 * {@code ./mvnw -B -o -pl generation-service -am test -Dtest=InjectionModelTraining -Dsurefire.failIfNoSpecifiedTests=false}
 * (the {@code InjectionModelTraining} entry point writes the model and its metrics into {@code src/main/resources}).
 *
 * <p>Data: the prompt-injection training split in {@code ../shared/datasets/prompt-injection}, the tuning part of
 * {@code datasets/demo/injection/tuning.jsonl}, the multilingual set written for this project
 * ({@code src/test/resources/guardrail/injection-written.jsonl}), the tuning parts of the later demo sets and the
 * composed training chunks ({@code datasets/demo/injection-chunks-train}), FeedbackQA train questions (benign, support-style)
 * and the demo help center's sentences (benign document text). Every source is split about 80/20 by a
 * seeded hash of each text; the model learns from the 80 % and both thresholds are chosen on the 20 %.
 */
final class InjectionModelTrainer {

    static final long SEED = 14;
    static final double VALIDATION_SHARE = 0.2;
    static final Settings SETTINGS = new Settings(20, 0.1, 1e-5, 120, 60, 600, true, 3, true);
    static final int FEEDBACKQA_QUESTIONS = 500;
    /** Most benign messages (typed) and help-center chunks the thresholds may flag on validation data. */
    static final double INPUT_MAX_FPR = 0.015;
    static final double CHUNK_MAX_FPR = 0.01;
    /** The same budget for the benign chunks of each language (en/de/es/fr) of the written sets. */
    static final double CHUNK_MAX_FPR_PER_LANGUAGE = 0.02;
    private static final int CHUNK_CHARS = 700;
    private static final java.util.Set<String> DOCUMENT_ONLY_SOURCES = java.util.Set.of("chunks-tuning",
            "round5-tuning", "chunks-train");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One labelled text; {@code where} is {@code input} (typed by a customer) or {@code chunk} (document text), and
     * {@code stratum} what the split keeps in proportion (label, where, language).
     */
    record Example(String text, int label, String source, String where, String stratum) {

        Example(String text, int label, String source) {
            this(text, label, source, INPUT, "");
        }
    }

    static final String INPUT = "input";
    static final String CHUNK = "chunk";

    /** Training settings, chosen on the validation part. */
    record Settings(int epochs, double learningRate, double l2, int templatesPerLanguage, int paraphrasesPerLanguage,
            int passages, boolean documentClassifier, int fits, boolean perLanguageBudget) {
    }

    record Split(List<Example> train, List<Example> validation) {
    }

    record Rates(int positives, int negatives, int truePositives, int falsePositives) {

        double recall() {
            return positives == 0 ? 0 : (double) truePositives / positives;
        }

        double fpr() {
            return negatives == 0 ? 0 : (double) falsePositives / negatives;
        }

        String json() {
            return String.format(Locale.ROOT,
                    "{\"positives\": %d, \"negatives\": %d, \"recall\": %.4f, \"false_positive_rate\": %.4f}",
                    positives, negatives, recall(), fpr());
        }
    }

    /** One scored validation text, for looking at what the model gets wrong (exploration only). */
    record Scored(String text, int label, double score, boolean rule, String language) {
    }

    record Result(InjectionModel model, Map<String, Integer> counts, Rates typed, Map<String, Rates> typedBySource,
            Rates chunks, Rates demoChunks, Map<String, Rates> chunksBy, List<Scored> typedScored,
            List<Scored> chunkScored) {

        String metricsJson() {
            StringBuilder json = new StringBuilder("{\n");
            json.append(String.format(Locale.ROOT, "  \"seed\": %d,\n  \"input_threshold\": %.6f,\n"
                    + "  \"chunk_threshold\": %.6f,\n", SEED, model.inputThreshold(), model.chunkThreshold()));
            json.append("  \"examples\": {");
            json.append(String.join(", ", counts.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\": " + entry.getValue())
                .toList()));
            json.append("},\n  \"validation_typed\": ").append(typed.json()).append(",\n");
            json.append("  \"validation_typed_by_source\": {");
            json.append(String.join(", ", typedBySource.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\": " + entry.getValue().json())
                .toList()));
            json.append("},\n  \"validation_chunks\": ").append(chunks.json()).append(",\n");
            json.append("  \"validation_chunks_demo\": ").append(demoChunks.json()).append(",\n");
            json.append("  \"validation_chunks_by\": {");
            json.append(String.join(", ", chunksBy.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\": " + entry.getValue().json())
                .toList()));
            json.append("}\n}\n");
            return json.toString();
        }
    }

    private InjectionModelTrainer() {
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("demo-kb"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root (with demo-kb/) not found above " + Path.of("")
                .toAbsolutePath());
        }
        return dir;
    }

    static Path sharedDatasets() {
        String configured = System.getProperty("rag.datasets.dir");
        return configured != null ? Path.of(configured) : repositoryRoot().resolve("../shared/datasets").normalize();
    }

    /** Trains on the training part and picks thresholds on the validation part. */
    static Result train() {
        return train(SETTINGS);
    }

    static Result train(Settings settings) {
        Path root = repositoryRoot();
        Path shared = sharedDatasets();
        Path deepset = shared.resolve("prompt-injection/train.jsonl");
        if (!Files.isRegularFile(deepset)) {
            throw new IllegalStateException("prompt-injection training split missing: " + deepset
                    + " (the shared datasets folder is required to train the injection model)");
        }
        Map<String, List<Example>> sources = new LinkedHashMap<>();
        sources.put("deepset", jsonl(deepset, "deepset"));
        Path tuning = root.resolve("datasets/demo/injection/tuning.jsonl");
        if (Files.isRegularFile(tuning)) {
            sources.put("demo-tuning", jsonl(tuning, "demo-tuning"));
        }
        Path fresh = root.resolve("datasets/demo/injection-fresh/tuning.jsonl");
        if (Files.isRegularFile(fresh)) {
            sources.put("fresh-tuning", jsonl(fresh, "fresh-tuning"));
        }
        Path chunkTuning = root.resolve("datasets/demo/injection-chunks/tuning.jsonl");
        if (Files.isRegularFile(chunkTuning)) {
            sources.put("chunks-tuning", jsonl(chunkTuning, "chunks-tuning"));
        }
        // Fifth round: the new set's tuning part (its test part is held out) and composed planted/benign sections.
        Path round5 = root.resolve("datasets/demo/injection-round5/tuning.jsonl");
        if (Files.isRegularFile(round5)) {
            sources.put("round5-tuning", jsonl(round5, "round5-tuning"));
        }
        Path chunkTrain = root.resolve("datasets/demo/injection-chunks-train/train.jsonl");
        if (Files.isRegularFile(chunkTrain)) {
            sources.put("chunks-train", jsonl(chunkTrain, "chunks-train"));
        }
        sources.put("written", jsonl(root.resolve(
                "generation-service/src/test/resources/guardrail/injection-written.jsonl"), "written"));
        sources.put("feedbackqa", feedbackQa(shared.resolve("feedbackqa")));
        List<Example> train = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Random random = new Random(SEED);
        // Help-center chunks written for the fourth round train the document classifier only: in the typed one their
        // benign sentences ("ignore this email", "follow the instructions") lowered typed validation recall.
        List<Example> documentOnly = new ArrayList<>();
        for (Map.Entry<String, List<Example>> source : sources.entrySet()) {
            Split split = split(source.getValue());
            for (Example example : split.train()) {
                (documentOnly(example) ? documentOnly : train).add(example);
            }
            validation.addAll(split.validation());
            counts.put(source.getKey(), source.getValue().size());
        }
        // A benign document text is benign sentence by sentence too, and chunks are scored by sentence.
        int documentSentences = 0;
        for (Example example : List.copyOf(train)) {
            if (example.label() == 0 && example.where().equals(CHUNK)) {
                for (String sentence : InjectionModel.sentences(example.text())) {
                    train.add(new Example(sentence, 0, example.source(), CHUNK, example.stratum()));
                    documentSentences++;
                }
            }
        }
        for (Example example : List.copyOf(documentOnly)) {
            if (example.label() == 0) {
                for (String sentence : InjectionModel.sentences(example.text())) {
                    documentOnly.add(new Example(sentence, 0, example.source(), CHUNK, example.stratum()));
                    documentSentences++;
                }
            }
        }
        counts.put("document-sentences", documentSentences);
        // Help-center pages are split by page: validation chunks come from pages the model never saw.
        List<Path> pages = helpCenterPages(root);
        List<Path> shuffled = new ArrayList<>(pages);
        java.util.Collections.shuffle(shuffled, random);
        int validationPages = (int) Math.round(pages.size() * VALIDATION_SHARE);
        List<String> validationChunks = new ArrayList<>();
        int helpSentences = 0;
        for (int i = 0; i < shuffled.size(); i++) {
            String page = read(shuffled.get(i));
            if (i < validationPages) {
                validationChunks.addAll(chunks(page));
            }
            else {
                for (String sentence : InjectionModel.sentences(page)) {
                    train.add(new Example(sentence, 0, "helpcenter"));
                    helpSentences++;
                }
            }
        }
        counts.put("helpcenter-sentences", helpSentences);
        // Composed sentences only train: near-duplicates in validation would flatter it.
        List<Example> composed = InjectionTemplates.sample(settings.templatesPerLanguage(), SEED);
        train.addAll(composed);
        counts.put("templates", composed.size());
        List<Example> paraphrases = InjectionParaphrases.sample(settings.paraphrasesPerLanguage(), SEED);
        train.addAll(paraphrases);
        counts.put("paraphrases", paraphrases.size());
        counts.put("validation-chunks", validationChunks.size());
        // FeedbackQA's help passages (health services, not shipping) are benign documents full of "you must" and
        // "you should" addressed to people: held-out ones are benign validation chunks, the others' sentences train
        // the document classifier only (in the typed one they lowered typed validation recall from 0.85 to 0.71).
        List<String> validationPassages = new ArrayList<>();
        List<Example> passageSentences = new ArrayList<>();
        for (String passage : feedbackQaPassages(shared.resolve("feedbackqa"), settings.passages())) {
            if (held(passage)) {
                validationPassages.add(passage);
            }
            else {
                for (String sentence : InjectionModel.sentences(passage)) {
                    passageSentences.add(new Example(sentence, 0, "feedbackqa-passages", CHUNK, ""));
                }
            }
        }
        counts.put("passage-sentences", passageSentences.size());
        counts.put("validation-passages", validationPassages.size());
        // -Dinjection.pretrained=bundled (exploration only): score validation with the shipped classifiers instead of
        // fitting new ones, to compare chunk scoring and threshold rules in seconds.
        boolean pretrained = "bundled".equals(System.getProperty("injection.pretrained"));
        InjectionModel typedModel = pretrained ? InjectionModel.bundled() : averaged(train, random, settings);
        InjectionModel raw = pretrained ? InjectionModel.bundled()
                : settings.documentClassifier()
                        ? typedModel.withChunkClassifier(averaged(
                                documents(train, documentOnly, passageSentences, typedModel), random, settings))
                        : typedModel;

        // Typed messages: union with the regular expressions, as InjectionDetector applies them.
        List<Example> typed = validation.stream().filter(example -> example.where().equals(INPUT)).toList();
        double[] typedScores = typed.stream().mapToDouble(example -> raw.inputProbability(example.text())).toArray();
        boolean[] typedRules = new boolean[typed.size()];
        for (int i = 0; i < typed.size(); i++) {
            typedRules[i] = InjectionDetector.matchesDirectRules(typed.get(i).text());
        }
        double inputThreshold = threshold(typedScores, labels(typed), typedRules, INPUT_MAX_FPR);

        // Chunks: the held-out pages' chunks, and the same chunks with a held-out injection planted in the middle.
        List<String> chunkTexts = new ArrayList<>();
        List<Integer> chunkLabels = new ArrayList<>();
        // Language of each benign chunk ("" = English help pages and passages), for the per-language budget.
        List<String> chunkLanguages = new ArrayList<>();
        List<Example> injections = validation.stream()
            .filter(example -> example.label() == 1 && example.where().equals(INPUT))
            .toList();
        for (int i = 0; i < validationChunks.size(); i++) {
            chunkTexts.add(validationChunks.get(i));
            chunkLabels.add(0);
            chunkLanguages.add("");
        }
        // Document texts of the demo sets, benign and planted, as they are.
        int demoFrom = chunkTexts.size();
        for (Example example : validation) {
            if (example.where().equals(CHUNK)) {
                chunkTexts.add(example.text());
                chunkLabels.add(example.label());
                chunkLanguages.add(example.stratum().substring(example.stratum().indexOf('/') + 1));
            }
        }
        int demoTo = chunkTexts.size();
        // Benign sections written in other voices than any training chunk (release notes, API references, forum
        // posts, e-mails quoting errors...), never trained on: they hold the per-language budget to text the
        // training style did not shape.
        int independentFrom = chunkTexts.size();
        Path independent = root.resolve("datasets/demo/injection-indep/validation.jsonl");
        if (Files.isRegularFile(independent)) {
            List<Example> sections = jsonl(independent, "indep-validation");
            counts.put("indep-validation", sections.size());
            for (Example example : sections) {
                chunkTexts.add(example.text());
                chunkLabels.add(example.label());
                chunkLanguages.add(example.stratum().substring(example.stratum().indexOf('/') + 1));
            }
        }
        int independentTo = chunkTexts.size();
        for (String passage : validationPassages) {
            chunkTexts.add(passage);
            chunkLabels.add(0);
            chunkLanguages.add("");
        }
        for (int i = 0; i < injections.size(); i++) {
            String chunk = validationChunks.get(i % validationChunks.size());
            int middle = chunk.indexOf(". ", chunk.length() / 2);
            String planted = middle < 0 ? chunk + "\n\n" + injections.get(i).text()
                    : chunk.substring(0, middle + 2) + injections.get(i).text() + " " + chunk.substring(middle + 2);
            chunkTexts.add(planted);
            chunkLabels.add(1);
            chunkLanguages.add("");
        }
        double[] chunkScores = chunkTexts.stream().mapToDouble(raw::chunkProbability).toArray();
        boolean[] chunkRules = new boolean[chunkTexts.size()];
        for (int i = 0; i < chunkTexts.size(); i++) {
            chunkRules[i] = InjectionDetector.matchesIndirectRules(chunkTexts.get(i));
        }
        int[] chunkLabelArray = chunkLabels.stream().mapToInt(Integer::intValue).toArray();
        double chunkThreshold = settings.perLanguageBudget()
                ? perLanguageThreshold(chunkScores, chunkLabelArray, chunkRules, chunkLanguages, CHUNK_MAX_FPR,
                        CHUNK_MAX_FPR_PER_LANGUAGE)
                : threshold(chunkScores, chunkLabelArray, chunkRules, CHUNK_MAX_FPR);

        InjectionModel model = raw.withThresholds(inputThreshold, chunkThreshold);
        Rates typedRates = rates(typedScores, labels(typed), typedRules, inputThreshold);
        Map<String, Rates> bySource = new TreeMap<>();
        for (String source : sources.keySet()) {
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < typed.size(); i++) {
                if (typed.get(i).source().equals(source)) {
                    indices.add(i);
                }
            }
            bySource.put(source, rates(indices.stream().mapToDouble(i -> typedScores[i]).toArray(),
                    indices.stream().mapToInt(i -> typed.get(i).label()).toArray(), select(typedRules, indices),
                    inputThreshold));
        }
        Rates chunkRates = rates(chunkScores, chunkLabelArray, chunkRules, chunkThreshold);
        double globalThreshold = threshold(chunkScores, chunkLabelArray, chunkRules, CHUNK_MAX_FPR);
        Map<String, Rates> chunkBy = new TreeMap<>();
        chunkBy.put("global-budget-threshold", rates(chunkScores, chunkLabelArray, chunkRules, globalThreshold));
        for (String language : new java.util.TreeSet<>(chunkLanguages)) {
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < chunkTexts.size(); i++) {
                if (chunkLanguages.get(i).equals(language) && chunkLabelArray[i] == 0) {
                    indices.add(i);
                }
            }
            chunkBy.put("benign-" + (language.isEmpty() ? "help-pages-and-passages" : language), rates(
                    indices.stream().mapToDouble(i -> chunkScores[i]).toArray(), new int[indices.size()],
                    select(chunkRules, indices), chunkThreshold));
        }
        for (String language : new java.util.TreeSet<>(chunkLanguages.subList(independentFrom, independentTo))) {
            List<Integer> indices = new ArrayList<>();
            for (int i = independentFrom; i < independentTo; i++) {
                if (chunkLanguages.get(i).equals(language)) {
                    indices.add(i);
                }
            }
            chunkBy.put("benign-independent-" + language, rates(
                    indices.stream().mapToDouble(i -> chunkScores[i]).toArray(), new int[indices.size()],
                    select(chunkRules, indices), chunkThreshold));
        }
        Rates demoChunkRates = rates(java.util.Arrays.copyOfRange(chunkScores, demoFrom, demoTo),
                java.util.Arrays.copyOfRange(chunkLabelArray, demoFrom, demoTo),
                java.util.Arrays.copyOfRange(chunkRules, demoFrom, demoTo), chunkThreshold);
        List<Scored> typedScored = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            typedScored.add(new Scored(typed.get(i).text(), typed.get(i).label(), typedScores[i], typedRules[i],
                    typed.get(i).stratum().substring(typed.get(i).stratum().indexOf('/') + 1)));
        }
        List<Scored> chunkScored = new ArrayList<>();
        for (int i = 0; i < chunkTexts.size(); i++) {
            chunkScored.add(new Scored(chunkTexts.get(i), chunkLabelArray[i], chunkScores[i], chunkRules[i],
                    chunkLanguages.get(i)));
        }
        return new Result(model, counts, typedRates, bySource, chunkRates, demoChunkRates, chunkBy, typedScored,
                chunkScored);
    }

    /** The chunks of the sets written from the fourth round on train the document classifier only. */
    static boolean documentOnly(Example example) {
        return DOCUMENT_ONLY_SOURCES.contains(example.source()) && example.where().equals(CHUNK);
    }

    private static List<Example> documents(List<Example> train, List<Example> documentOnly,
            List<Example> passageSentences, InjectionModel typed) {
        List<Example> documents = new ArrayList<>(train);
        documents.addAll(documentOnly);
        documents.addAll(passageSentences);
        documents.addAll(plantedSentences(train, typed));
        documents.addAll(plantedSentences(documentOnly, typed));
        return documents;
    }

    /**
     * A planted chunk is one instruction among benign sentences: its sentence the typed classifier finds most
     * suspicious, as a positive example for the document classifier (one round of multiple-instance learning).
     */
    private static List<Example> plantedSentences(List<Example> train, InjectionModel model) {
        List<Example> planted = new ArrayList<>();
        for (Example example : train) {
            if (example.label() == 1 && example.where().equals(CHUNK)) {
                String best = null;
                double bestScore = -1;
                for (String sentence : InjectionModel.sentences(example.text())) {
                    double score = model.probability(sentence);
                    if (score > bestScore) {
                        bestScore = score;
                        best = sentence;
                    }
                }
                if (best != null && !best.equals(example.text())) {
                    planted.add(new Example(best, 1, example.source(), CHUNK, example.stratum()));
                }
            }
        }
        return planted;
    }

    private static boolean[] select(boolean[] values, List<Integer> indices) {
        boolean[] selected = new boolean[indices.size()];
        for (int i = 0; i < indices.size(); i++) {
            selected[i] = values[indices.get(i)];
        }
        return selected;
    }

    private static int[] labels(List<Example> examples) {
        return examples.stream().mapToInt(Example::label).toArray();
    }

    /**
     * The mean of {@code settings.fits()} models fitted on different shuffles: one fit's validation recall moved by
     * several points with the order of the examples alone.
     */
    static InjectionModel averaged(List<Example> examples, Random random, Settings settings) {
        float[] weights = new float[InjectionFeatures.DIMENSIONS];
        double bias = 0;
        for (int k = 0; k < settings.fits(); k++) {
            InjectionModel model = fit(examples, random, settings);
            for (int i = 0; i < weights.length; i++) {
                weights[i] += model.weights()[i] / settings.fits();
            }
            bias += model.bias() / (double) settings.fits();
        }
        return new InjectionModel(weights, (float) bias, 0.5, 0.5);
    }

    /** Logistic regression by AdaGrad with classes weighted to count equally. */
    static InjectionModel fit(List<Example> examples, Random random, Settings settings) {
        List<InjectionFeatures.Vector> vectors = examples.stream()
            .map(example -> InjectionFeatures.of(InjectionText.normalize(example.text())))
            .toList();
        long positives = examples.stream().filter(example -> example.label() == 1).count();
        double positiveWeight = examples.size() / (2.0 * positives);
        double negativeWeight = examples.size() / (2.0 * (examples.size() - positives));
        float[] weights = new float[InjectionFeatures.DIMENSIONS];
        double[] squared = new double[InjectionFeatures.DIMENSIONS];
        double bias = 0;
        double biasSquared = 0;
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int index : order) {
                InjectionFeatures.Vector vector = vectors.get(index);
                int label = examples.get(index).label();
                double z = bias;
                for (int k = 0; k < vector.indices().length; k++) {
                    z += weights[vector.indices()[k]] * vector.values()[k];
                }
                double p = 1 / (1 + StrictMath.exp(-z));
                double g = (p - label) * (label == 1 ? positiveWeight : negativeWeight);
                for (int k = 0; k < vector.indices().length; k++) {
                    int feature = vector.indices()[k];
                    double gradient = g * vector.values()[k] + settings.l2() * weights[feature];
                    squared[feature] += gradient * gradient;
                    weights[feature] -= (float) (settings.learningRate() * gradient / StrictMath.sqrt(squared[feature] + 1e-8));
                }
                biasSquared += g * g;
                bias -= settings.learningRate() * g / StrictMath.sqrt(biasSquared + 1e-8);
            }
        }
        return new InjectionModel(weights, (float) bias, 0.5, 0.5);
    }

    /**
     * The threshold flagging the most injections while flagging at most {@code maxFpr} of benign texts (those the
     * rules flag anyway count too), placed midway between the lowest flagged and the highest unflagged score.
     */
    static double threshold(double[] scores, int[] labels, boolean[] rules, double maxFpr) {
        int negatives = 0;
        int ruleFalsePositives = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 0) {
                negatives++;
                if (rules[i]) {
                    ruleFalsePositives++;
                }
            }
        }
        // When the rules alone use up the budget, the model may add no false positive of its own.
        int allowed = Math.max(0, (int) Math.floor(maxFpr * negatives) - ruleFalsePositives);
        List<Double> benign = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 0 && !rules[i]) {
                benign.add(scores[i]);
            }
        }
        benign.sort(Comparator.reverseOrder());
        // Flagging scores strictly above the (allowed+1)-th highest benign score keeps within the budget.
        double ceiling = benign.isEmpty() || allowed >= benign.size() ? 0.0 : benign.get(allowed);
        double lowestAbove = 1.0;
        for (double score : scores) {
            if (score > ceiling && score < lowestAbove) {
                lowestAbove = score;
            }
        }
        return Math.min(0.999, (ceiling + lowestAbove) / 2);
    }

    /**
     * The lowest threshold that keeps every language within {@code maxFprPerLanguage} of its benign chunks and all
     * benign chunks within {@code maxFpr}: a budget over all languages alone let a few flagged German or Spanish
     * help sections hide among hundreds of English ones.
     */
    static double perLanguageThreshold(double[] scores, int[] labels, boolean[] rules, List<String> languages,
            double maxFpr, double maxFprPerLanguage) {
        double highest = threshold(scores, labels, rules, maxFpr);
        for (String language : new java.util.TreeSet<>(languages)) {
            if (language.isEmpty()) {
                continue;
            }
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == 1 || languages.get(i).equals(language)) {
                    indices.add(i);
                }
            }
            highest = Math.max(highest, threshold(indices.stream().mapToDouble(i -> scores[i]).toArray(),
                    indices.stream().mapToInt(i -> labels[i]).toArray(), select(rules, indices), maxFprPerLanguage));
        }
        return highest;
    }

    static Rates rates(double[] scores, int[] labels, boolean[] rules, double threshold) {
        int positives = 0;
        int negatives = 0;
        int truePositives = 0;
        int falsePositives = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = rules[i] || scores[i] >= threshold;
            if (labels[i] == 1) {
                positives++;
                truePositives += flagged ? 1 : 0;
            }
            else {
                negatives++;
                falsePositives += flagged ? 1 : 0;
            }
        }
        return new Rates(positives, negatives, truePositives, falsePositives);
    }

    /**
     * About 20 % held out, each example by a seeded hash of its text: adding examples to a source leaves the others
     * where they were, so validation figures before and after stay comparable.
     */
    static Split split(List<Example> examples) {
        List<Example> train = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        for (Example example : examples) {
            (held(example.text()) ? validation : train).add(example);
        }
        return new Split(train, validation);
    }

    static boolean held(String text) {
        long h = SEED * 0x9E3779B97F4A7C15L + text.hashCode();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return Math.floorMod(h, 1000) < VALIDATION_SHARE * 1000;
    }

    static List<Example> jsonl(Path file, String source) {
        List<Example> examples = new ArrayList<>();
        for (String line : read(file).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            JsonNode label = node.path("label");
            int value = label.isBoolean() ? (label.asBoolean() ? 1 : 0)
                    : label.isNumber() ? label.asInt()
                            : Stream.of("injection", "attack", "malicious", "1", "true")
                                .anyMatch(label.asString("").toLowerCase(Locale.ROOT)::equals) ? 1 : 0;
            String where = node.path("where").asString(INPUT);
            examples.add(new Example(node.path("text").asString(""), value, source, where,
                    where + "/" + node.path("lang").asString("")));
        }
        return examples;
    }

    /** A seeded sample of FeedbackQA's train questions (support-style, benign). */
    static List<Example> feedbackQa(Path dir) {
        java.util.Set<String> trainIds = new java.util.HashSet<>();
        for (String line : read(dir.resolve("qrels/train.tsv")).split("\n")) {
            String[] columns = line.split("\t");
            if (columns.length >= 2 && !columns[0].equals("query-id")) {
                trainIds.add(columns[0]);
            }
        }
        List<Example> questions = new ArrayList<>();
        for (String line : read(dir.resolve("queries.jsonl")).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (trainIds.contains(node.path("_id").asString())) {
                questions.add(new Example(node.path("text").asString(""), 0, "feedbackqa"));
            }
        }
        java.util.Collections.shuffle(questions, new Random(SEED));
        return List.copyOf(questions.subList(0, Math.min(FEEDBACKQA_QUESTIONS, questions.size())));
    }

    /** A seeded sample of FeedbackQA passages (benign help text), none longer than a retrieved chunk. */
    static List<String> feedbackQaPassages(Path dir, int count) {
        List<String> passages = new ArrayList<>();
        for (String line : read(dir.resolve("corpus.jsonl")).split("\n")) {
            if (!line.isBlank()) {
                String text = JSON.readTree(line).path("text").asString("");
                if (text.length() <= CHUNK_CHARS * 2) {
                    passages.add(text);
                }
            }
        }
        java.util.Collections.shuffle(passages, new Random(SEED));
        return List.copyOf(passages.subList(0, Math.min(count, passages.size())));
    }

    static List<Path> helpCenterPages(Path root) {
        try (Stream<Path> files = Files.list(root.resolve("demo-kb/help-center"))) {
            return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Paragraphs joined up to about {@value #CHUNK_CHARS} characters, like retrieved chunks. */
    static List<String> chunks(String page) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : page.split("\n\\s*\n")) {
            if (!current.isEmpty() && current.length() + paragraph.length() > CHUNK_CHARS) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            current.append(current.isEmpty() ? "" : "\n\n").append(paragraph.strip());
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static void write(Result result, Path resources) throws IOException {
        Files.createDirectories(resources.resolve("guardrail"));
        try (OutputStream out = Files.newOutputStream(resources.resolve("guardrail/injection-model.bin.gz"))) {
            result.model().write(out);
        }
        Files.writeString(resources.resolve("guardrail/injection-model.json"), result.metricsJson());
    }
}
