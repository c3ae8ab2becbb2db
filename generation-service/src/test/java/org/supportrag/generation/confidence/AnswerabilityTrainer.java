package org.supportrag.generation.confidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import tools.jackson.databind.JsonNode;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.EmbeddingProperties;
import org.supportrag.defaults.embedding.OnnxEmbeddingModel;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.ExtractiveAnswerer;
import org.supportrag.generation.answer.Question;

/**
 * Fits the answerability model ({@link Answerability}) and writes its weights and the reference IDF table into
 * {@code src/main/resources/confidence/}. Reproducible: fixed seed, full-batch gradient descent, sorted inputs.
 *
 * <p>Training data, built from what is here and never from test splits: BEIR train queries (FeedbackQA train,
 * SciFact train) answered by the offline answerer from five retrieved passages (BM25 over the whole corpus) once
 * with a gold passage among them (answerable) and once with every gold passage withheld (unanswerable, near-domain
 * by construction); plus, when a platform with the demo knowledge base runs ({@code -Dtrain.gateway=URL}), the
 * single-turn cases of the demo tuning splits ({@code datasets/demo/answers-tuning.jsonl} and
 * {@code datasets/demo/answerability/tuning.jsonl}) with real retrieval. Validation: FeedbackQA dev built the same
 * way, and the demo cases each scored by a model fitted without its fold (folds of a seeded shuffle); the decline
 * and escalation thresholds are chosen there and printed.
 *
 * <p>Run: {@code ./mvnw -B -o -pl generation-service test -Dtest=AnswerabilityTrainer -Dtrain.write=true
 * [-Dtrain.gateway=http://127.0.0.1:8080]} (needs {@code ../shared/datasets}).
 */
@EnabledIfSystemProperty(named = "train.write", matches = "true|false")
class AnswerabilityTrainer {

    static final long SEED = 20261206L;
    static final int CONTEXT = 5;
    static final int IDF_TERMS = 8000;
    /** Folds of the demo tuning cases' cross-validation. */
    static final int FOLDS = 5;
    /** Weight of a demo tuning case against a BEIR example: the demo cases are the product's own kind of question. */
    static final double DEMO_WEIGHT = 3;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    record Doc(String id, String title, String text) {
    }

    /**
     * One answered question.
     *
     * @param context what the answerer was given
     * @param answer the offline answerer's draft ("" when nothing came close)
     */
    record Example(String source, boolean split, double[] features, int label, double weight, List<SearchHit> context,
            String answer) {
    }

    @Test
    void fitsAndWritesTheModel() throws IOException {
        Path shared = Path.of(System.getProperty("train.shared", "../../shared/datasets"));
        if (!Files.isDirectory(shared.resolve("feedbackqa"))) {
            throw new IllegalStateException("BEIR datasets not found at " + shared.toAbsolutePath()
                    + " (set -Dtrain.shared); the answerability model is trained on them");
        }
        Path resources = Path.of("src/main/resources/confidence");
        Map<String, Doc> feedback = corpus(shared.resolve("feedbackqa/corpus.jsonl"));
        Map<String, Doc> scifact = corpus(shared.resolve("scifact/corpus.jsonl"));

        // 1. Reference IDF over both corpora, used by Terms from now on.
        Map<String, Double> idf = idf(List.of(feedback.values(), scifact.values()));
        Terms.use(idf);
        if (Boolean.getBoolean("train.write")) {
            List<String> lines = new ArrayList<>();
            lines.add("# term<TAB>idf: the " + IDF_TERMS + " most frequent stemmed words of FeedbackQA and SciFact "
                    + "(BEIR corpora), written by AnswerabilityTrainer; rarer words count as rare");
            idf.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> lines.add(entry.getKey() + "\t" + String.format(Locale.ROOT, "%.4f", entry.getValue())));
            Files.write(resources.resolve("term-idf.tsv"), lines);
        }

        OnnxEmbeddingModel model = OnnxEmbeddingModel.loadBundled();
        try {
            TextEmbedder embedder = new CachingEmbedder(
                    TextEmbedder.of(model, TokenCounter.bundled(), EmbeddingProperties.defaults()), Long.MAX_VALUE, Long.MAX_VALUE);
            ExtractiveAnswerer drafts = drafts(embedder);
            Answerability answerability = new Answerability(embedder, new double[Answerability.FEATURES.size() + 1]);
            Random random = new Random(SEED);
            List<Example> examples = new ArrayList<>();
            int perSet = Integer.getInteger("train.queries", 24);
            examples.addAll(beir("feedbackqa-train", feedback, shared.resolve("feedbackqa"), "train", perSet, false,
                    random, drafts, answerability));
            examples.addAll(beir("scifact-train", scifact, shared.resolve("scifact"), "train", perSet / 3, false,
                    random, drafts, answerability));
            examples.addAll(beir("feedbackqa-dev", feedback, shared.resolve("feedbackqa"), "dev", perSet * 2 / 3, true,
                    random, drafts, answerability));
            String gateway = System.getProperty("train.gateway");
            List<Example> demo = gateway == null ? List.of() : demo(gateway, random, drafts, answerability);
            List<Example> beirTraining = examples.stream().filter(example -> !example.split()).toList();
            List<Example> training = new ArrayList<>(beirTraining);
            training.addAll(demo);
            double[] weights = fit(training);
            // Validation: FeedbackQA dev (never trained on) and the demo tuning cases, each scored by a model fitted
            // without its fold (k-fold cross-validation), so thresholds are chosen on predictions for unseen cases.
            List<Scored> validation = new ArrayList<>();
            for (Example example : examples.stream().filter(Example::split).toList()) {
                validation.add(new Scored(example, probability(weights, example)));
            }
            for (int fold = 0; fold < FOLDS; fold++) {
                List<Example> rest = new ArrayList<>(beirTraining);
                List<Example> held = new ArrayList<>();
                for (int i = 0; i < demo.size(); i++) {
                    (i % FOLDS == fold ? held : rest).add(demo.get(i));
                }
                double[] foldWeights = fit(rest);
                held.forEach(example -> validation.add(new Scored(example, probability(foldWeights, example))));
            }
            report(weights, training, validation);
            if (Boolean.getBoolean("train.write")) {
                List<String> lines = new ArrayList<>();
                lines.add("# Answerability model: logistic regression written by AnswerabilityTrainer (seed " + SEED
                        + ", " + training.size() + " training examples). Do not edit by hand; retrain.");
                lines.add("bias=" + weights[0]);
                for (int i = 0; i < Answerability.FEATURES.size(); i++) {
                    lines.add(Answerability.FEATURES.get(i) + "=" + weights[i + 1]);
                }
                Files.write(resources.resolve("answerability-model.properties"), lines);
            }
        }
        finally {
            model.close();
        }
    }

    /**
     * The offline answerer's drafts as shipped, except that fewer sentences are embedded per context (the long BEIR
     * passages would otherwise take most of the training time; the chosen sentences come from the first chunks).
     */
    static ExtractiveAnswerer drafts(TextEmbedder embedder) {
        GenerationProperties.Extractive shipped = GenerationProperties.Extractive.defaults();
        return new ExtractiveAnswerer(embedder, TokenCounter.bundled(), new GenerationProperties.Extractive(
                shipped.minSimilarity(), shipped.rankWeight(), shipped.maxSentences(), shipped.margin(), 30,
                shipped.typeWeight(), shipped.lexicalWeight()));
    }

    // ---------------------------------------------------------------- data

    static Map<String, Doc> corpus(Path file) throws IOException {
        Map<String, Doc> docs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode node = DemoCases.JSON.readTree(line);
                String id = node.get("_id").asString();
                docs.put(id, new Doc(id, node.get("title") == null ? "" : node.get("title").asString(),
                        node.get("text").asString()));
            }
        }
        return docs;
    }

    static Map<String, Double> idf(List<java.util.Collection<Doc>> corpora) {
        Map<String, Integer> df = new HashMap<>();
        int n = 0;
        for (java.util.Collection<Doc> corpus : corpora) {
            for (Doc doc : corpus) {
                n++;
                for (String term : stems(doc.title() + " " + doc.text())) {
                    df.merge(term, 1, Integer::sum);
                }
            }
        }
        int total = n;
        Map<String, Double> idf = new HashMap<>();
        df.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(IDF_TERMS)
            .forEach(entry -> idf.put(entry.getKey(), Math.log((total + 1.0) / (entry.getValue() + 0.5))));
        return idf;
    }

    private static Set<String> stems(String text) {
        Set<String> stems = new HashSet<>();
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find()) {
            stems.add(Terms.stem(word.group()));
        }
        return stems;
    }

    /** Queries of a split (through its qrels), sampled with the seed; two examples each. */
    static List<Example> beir(String name, Map<String, Doc> corpus, Path dir, String split, int limit,
            boolean validation, Random random, ExtractiveAnswerer drafts, Answerability answerability)
            throws IOException {
        Map<String, Set<String>> gold = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("qrels/" + split + ".tsv")).stream().skip(1).toList()) {
            String[] parts = line.split("\t");
            if (parts.length >= 3 && Integer.parseInt(parts[2].strip()) > 0 && corpus.containsKey(parts[1])) {
                gold.computeIfAbsent(parts[0], key -> new HashSet<>()).add(parts[1]);
            }
        }
        Map<String, String> queries = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode node = DemoCases.JSON.readTree(line);
                queries.put(node.get("_id").asString(), node.get("text").asString());
            }
        }
        List<String> ids = new ArrayList<>(gold.keySet().stream().filter(queries::containsKey).sorted().toList());
        Collections.shuffle(ids, random);
        Bm25 bm25 = new Bm25(corpus.values());
        List<Example> examples = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(limit, ids.size()))) {
            String question = queries.get(id);
            List<Doc> ranked = bm25.top(question, 30);
            List<Doc> withheld = ranked.stream().filter(doc -> !gold.get(id).contains(doc.id())).limit(CONTEXT)
                .toList();
            List<Doc> present = new ArrayList<>(withheld.subList(0, Math.min(CONTEXT - 1, withheld.size())));
            Doc goldDoc = ranked.stream().filter(doc -> gold.get(id).contains(doc.id())).findFirst()
                .orElse(corpus.get(gold.get(id).iterator().next()));
            present.add(random.nextInt(Math.min(3, present.size() + 1)), goldDoc);
            examples.add(example(name, validation, question, present, bm25.queryTerms(question, Set.of()), 1, 1,
                    drafts, answerability));
            examples.add(example(name, validation, question, withheld, bm25.queryTerms(question, gold.get(id)), 0, 1,
                    drafts, answerability));
            if (examples.size() % 6 == 0) {
                System.out.println("[train] " + name + ": " + examples.size() + " examples so far");
            }
        }
        System.out.println("[train] " + name + ": " + examples.size() + " examples");
        return examples;
    }

    private static Example example(String name, boolean validation, String question, List<Doc> docs,
            List<QueryTerm> terms, int label, double weight, ExtractiveAnswerer drafts, Answerability answerability) {
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Doc doc = docs.get(i);
            hits.add(new SearchHit(UUID.nameUUIDFromBytes(doc.id().getBytes()), UUID.nameUUIDFromBytes(doc.id()
                .getBytes()), doc.title(), doc.id(), null, doc.text(), 1.0 / (i + 1), i + 1));
        }
        return example(name, validation, question, hits, terms, label, weight, drafts, answerability, true);
    }

    private static Example example(String name, boolean validation, String question, List<SearchHit> hits,
            List<QueryTerm> terms, int label, double weight, ExtractiveAnswerer drafts, Answerability answerability,
            boolean unused) {
        ExtractiveAnswerer.Draft draft = drafts.draft(new Question(question, hits).withQueryTerms(terms));
        String text = draft.text() == null ? "" : draft.text();
        return new Example(name, validation, answerability.features(question, hits, text, terms).values(), label,
                weight, hits, text);
    }

    /**
     * Single-turn demo tuning cases with real retrieval, shuffled with the seed (folds are taken in this order):
     * answerable and in-scope questions mentioning other people are answerable, the unanswerable ones not.
     */
    private static List<Example> demo(String gateway, Random random, ExtractiveAnswerer drafts,
            Answerability answerability) {
        DemoCases.Search search = new DemoCases.Search(gateway, System.getProperty("train.api-key", "demo-admin-key"),
                "default");
        List<DemoCases.Case> cases = new ArrayList<>();
        for (String file : System.getProperty("train.demo",
                "../datasets/demo/answers-tuning.jsonl,../datasets/demo/answerability/tuning.jsonl").split(",")) {
            cases.addAll(DemoCases.read(Path.of(file)).stream()
                .filter(c -> c.turns().size() == 1 && (c.answerable() || c.type().equals("unanswerable")
                        || c.type().equals("no_handover") && !c.facts().isEmpty()))
                .toList());
        }
        cases.sort(Comparator.comparing(DemoCases.Case::id));
        Collections.shuffle(cases, random);
        List<Example> examples = new ArrayList<>();
        for (DemoCases.Case c : cases) {
            examples.add(example("demo", false, c.question(), search.search(c.question()), search.terms(c.question()),
                    c.type().equals("unanswerable") ? 0 : 1, DEMO_WEIGHT, drafts, answerability, true));
        }
        System.out.println("[train] demo: " + examples.size() + " examples");
        return examples;
    }

    // ---------------------------------------------------------------- model

    /** Weighted logistic regression, full-batch projected gradient descent with a little L2: deterministic. */
    static double[] fit(List<Example> examples) {
        int dims = Answerability.FEATURES.size();
        double[] w = new double[dims + 1];
        double l2 = 1e-3;
        double rate = 0.5;
        double totalWeight = examples.stream().mapToDouble(Example::weight).sum();
        for (int iteration = 0; iteration < 20000; iteration++) {
            double[] gradient = new double[dims + 1];
            for (Example example : examples) {
                double p = Answerability.probability(w[0], java.util.Arrays.copyOfRange(w, 1, w.length),
                        example.features());
                double error = (p - example.label()) * example.weight();
                gradient[0] += error;
                for (int i = 0; i < dims; i++) {
                    gradient[i + 1] += error * example.features()[i];
                }
            }
            for (int i = 0; i <= dims; i++) {
                double penalty = i == 0 ? 0 : l2 * w[i];
                w[i] -= rate * (gradient[i] / totalWeight + penalty);
                // Projected onto the signs the signals must keep (Answerability.SIGNS).
                int sign = i == 0 ? 0 : Answerability.SIGNS.get(i - 1);
                if (sign * w[i] < 0) {
                    w[i] = 0;
                }
            }
        }
        return w;
    }

    /** A validation example with the probability a model not fitted on it gave it. */
    record Scored(Example example, double probability) {
    }

    private static double probability(double[] w, Example example) {
        return Answerability.probability(w[0], java.util.Arrays.copyOfRange(w, 1, w.length), example.features());
    }

    private static void report(double[] w, List<Example> training, List<Scored> validation) {
        System.out.println("[train] weights: bias=" + round(w[0]));
        for (int i = 0; i < Answerability.FEATURES.size(); i++) {
            System.out.println("[train]   " + Answerability.FEATURES.get(i) + "=" + round(w[i + 1]));
        }
        List<Scored> fitted = training.stream().map(e -> new Scored(e, probability(w, e))).toList();
        for (String part : List.of("training", "validation")) {
            List<Scored> set = part.equals("training") ? fitted : validation;
            System.out.println("[train] " + part + " (" + set.size() + "): AUC " + round(auc(set)));
            for (String source : set.stream().map(x -> x.example().source()).distinct().sorted().toList()) {
                List<Scored> subset = set.stream().filter(x -> x.example().source().equals(source)).toList();
                System.out.println("[train]   " + source + " (" + subset.size() + "): AUC " + round(auc(subset)));
            }
        }
        for (String source : validation.stream().map(x -> x.example().source()).distinct().sorted().toList()) {
            List<Scored> subset = validation.stream().filter(x -> x.example().source().equals(source)).toList();
            System.out.println("[train] reliability (validation, " + source
                    + "): bin, n, mean confidence, share answerable");
            for (int bin = 0; bin < 10; bin++) {
                double lo = bin / 10.0;
                double hi = lo + 0.1;
                int last = bin;
                List<Scored> in = subset.stream()
                    .filter(x -> x.probability() >= lo && (x.probability() < hi || last == 9))
                    .toList();
                if (!in.isEmpty()) {
                    System.out.printf(Locale.ROOT, "[train]   %.1f-%.1f %4d %.3f %.3f%n", lo, hi, in.size(),
                            in.stream().mapToDouble(Scored::probability).average().orElse(0),
                            in.stream().mapToDouble(x -> x.example().label()).average().orElse(0));
                }
            }
            System.out.println("[train] thresholds (validation, " + source
                    + "): t, unanswerable recall, precision, answerable below t");
            for (int step = 1; step <= 39; step++) {
                double t = step / 40.0;
                int tp = 0, fp = 0, fn = 0, answerable = 0;
                for (Scored x : subset) {
                    boolean below = x.probability() < t;
                    if (x.example().label() == 0) {
                        tp += below ? 1 : 0;
                        fn += below ? 0 : 1;
                    }
                    else {
                        answerable++;
                        fp += below ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "[train]   %.3f %.3f %.3f %.3f%n", t, tp / (double) Math.max(1, tp + fn),
                        tp / (double) Math.max(1, tp + fp), fp / (double) Math.max(1, answerable));
            }
        }
    }

    static double auc(List<Scored> set) {
        List<double[]> scored = set.stream()
            .map(x -> new double[] { x.probability(), x.example().label() })
            .sorted(Comparator.comparingDouble(x -> x[0]))
            .toList();
        long positives = scored.stream().filter(x -> x[1] == 1).count();
        long negatives = scored.size() - positives;
        double rankSum = 0;
        for (int i = 0; i < scored.size(); i++) {
            if (scored.get(i)[1] == 1) {
                rankSum += i + 1;
            }
        }
        return positives == 0 || negatives == 0 ? Double.NaN
                : (rankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** BM25 over stemmed content words. */
    static final class Bm25 {

        private final List<Doc> docs;
        private final Map<String, List<int[]>> postings = new HashMap<>();
        private final int[] lengths;
        private final double average;

        Bm25(java.util.Collection<Doc> corpus) {
            docs = new ArrayList<>(corpus);
            lengths = new int[docs.size()];
            long sum = 0;
            for (int d = 0; d < docs.size(); d++) {
                Map<String, Integer> tf = new HashMap<>();
                Matcher word = WORD.matcher((docs.get(d).title() + " " + docs.get(d).text()).toLowerCase(Locale.ROOT));
                int length = 0;
                while (word.find()) {
                    tf.merge(Terms.stem(word.group()), 1, Integer::sum);
                    length++;
                }
                lengths[d] = length;
                sum += length;
                int doc = d;
                tf.forEach((term, count) -> postings.computeIfAbsent(term, key -> new ArrayList<>())
                    .add(new int[] { doc, count }));
            }
            average = (double) sum / Math.max(1, docs.size());
        }

        /**
         * What retrieval would say of the query's words (stop words left out) over this corpus without the
         * {@code withheld} documents: whether another document contains the word's stem.
         */
        List<QueryTerm> queryTerms(String query, Set<String> withheld) {
            Map<String, QueryTerm> terms = new LinkedHashMap<>();
            Matcher word = WORD.matcher(query);
            while (word.find()) {
                String surface = word.group();
                String lower = surface.toLowerCase(Locale.ROOT);
                if (Terms.isStopWord(lower) || terms.containsKey(surface)) {
                    continue;
                }
                boolean found = postings.getOrDefault(Terms.stem(lower), List.of()).stream()
                    .anyMatch(posting -> !withheld.contains(docs.get(posting[0]).id()));
                terms.put(surface, new QueryTerm(surface, found));
            }
            return List.copyOf(terms.values());
        }

        List<Doc> top(String query, int k) {
            double[] scores = new double[docs.size()];
            for (String term : Terms.content(query)) {
                List<int[]> list = postings.getOrDefault(term, List.of());
                double idf = Math.log(1 + (docs.size() - list.size() + 0.5) / (list.size() + 0.5));
                for (int[] posting : list) {
                    double tf = posting[1];
                    scores[posting[0]] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[posting[0]] / average));
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int d = 0; d < docs.size(); d++) {
                if (scores[d] > 0) {
                    order.add(d);
                }
            }
            order.sort(Comparator.comparingDouble((Integer d) -> -scores[d]).thenComparing(d -> d));
            return order.stream().limit(k).map(docs::get).toList();
        }
    }
}
