package org.supportrag.generation.confidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.Vectors;

/**
 * The probability that an answer actually answers its question, from signals with an absolute meaning: how close in
 * meaning the answer's sentences are to the question (the in-process embedding model, whatever retrieval scored),
 * how much of the question's content (IDF-weighted) the cited evidence and the answer cover, and whether the answer
 * holds the kind of fact the question asks for, and whether the question names something the knowledge base never
 * mentions (retrieval says which query words no readable chunk contains: whether one is written like a name, their
 * IDF-weighted share, the rarest of them), and how close in meaning the best retrieved chunk is. A logistic regression fitted offline on training data only
 * ({@code AnswerabilityTrainer}) combines them; its weights ship as {@code confidence/answerability-model.properties}.
 */
public final class Answerability {

    /** Feature names, in the order of {@link Features#values()} and of the model file. */
    public static final List<String> FEATURES = List.of("dense_answer", "coverage_cited", "coverage_answer",
            "coverage_context", "type_expected", "type_missing", "cited", "missing_rare", "rarest_uncited", "name_absent",
            "absent_share", "rarest_absent", "dense_context", "coverage_sentence");
    /**
     * The sign each weight must have, so every signal keeps its meaning whatever the training data's quirks: closer
     * and better covered is more answerable, a missing answer type or a specific term nobody mentions less (0: free).
     */
    static final List<Integer> SIGNS = List.of(1, 1, 1, 1, 0, -1, 0, -1, -1, -1, -1, -1, 1, 1);

    private static final Pattern MARKER = Pattern.compile("\\s*\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");
    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+(?:[.!?]+[\"')\\]]*(?:\\s?\\[[\\d,\\s]+])*|$)");
    private static final int CONTEXT_CHUNKS = 3;

    private final CachingEmbedder embedder;
    private final Calibration calibration;
    private final double bias;
    private final double[] weights;

    /** The offline extractive answerer's model. */
    public Answerability(TextEmbedder embedder) {
        this(embedder, Calibration.EXTRACTIVE);
    }

    /** The shipped model of one answerer kind (not {@link Calibration#NONE}, which has none). */
    public Answerability(TextEmbedder embedder, Calibration calibration) {
        this(embedder, calibration, loadModel(calibration));
    }

    Answerability(TextEmbedder embedder, double[] model) {
        this(embedder, Calibration.EXTRACTIVE, model);
    }

    private Answerability(TextEmbedder embedder, Calibration calibration, double[] model) {
        if (model.length != FEATURES.size() + 1) {
            throw new IllegalArgumentException("An answerability model has a bias and " + FEATURES.size() + " weights");
        }
        this.embedder = CachingEmbedder.of(embedder);
        this.calibration = calibration;
        this.bias = model[0];
        this.weights = java.util.Arrays.copyOfRange(model, 1, model.length);
    }

    /** The kind of answers this model was fitted on. */
    public Calibration calibration() {
        return calibration;
    }

    /**
     * The signals of one answer.
     *
     * @param values in the order of {@link #FEATURES}
     */
    public record Features(double[] values) {

        public double get(String name) {
            return values[FEATURES.indexOf(name)];
        }
    }

    /** Features and the model's probability in one. */
    public record Estimate(Features features, double probability) {
    }

    public Estimate estimate(String question, List<SearchHit> context, String answer) {
        return estimate(question, context, answer, List.of());
    }

    /** @param queryTerms the searched words and whether the knowledge base contains them (empty: unknown) */
    public Estimate estimate(String question, List<SearchHit> context, String answer, List<QueryTerm> queryTerms) {
        Features features = features(question, context, answer, queryTerms);
        return new Estimate(features, probability(features));
    }

    public double probability(Features features) {
        return probability(bias, weights, features.values());
    }

    static double probability(double bias, double[] weights, double[] values) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * values[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    public Features features(String question, List<SearchHit> context, String answer) {
        return features(question, context, answer, List.of());
    }

    public Features features(String question, List<SearchHit> context, String answer, List<QueryTerm> queryTerms) {
        Set<Integer> cited = Citations.cited(answer, context.size());
        String plain = MARKER.matcher(answer).replaceAll("");
        // Meaning and content words in the knowledge's language (a German question's English gloss); what the
        // knowledge base lacks is judged on the words retrieval searched, as written.
        String asked = Glossary.english(question);
        List<String> questionTerms = Terms.content(asked);
        Set<String> citedTerms = new HashSet<>();
        for (int index : cited) {
            citedTerms.addAll(Terms.all(evidenceText(context.get(index - 1))));
        }
        Set<String> contextTerms = new HashSet<>();
        for (SearchHit hit : context.subList(0, Math.min(CONTEXT_CHUNKS, context.size()))) {
            contextTerms.addAll(Terms.all(evidenceText(hit)));
        }
        AnswerType type = AnswerType.of(asked);
        double[] values = new double[FEATURES.size()];
        values[0] = cited.isEmpty() ? 0 : denseAnswer(asked, plain);
        values[1] = Terms.coverage(questionTerms, citedTerms);
        values[2] = Terms.coverage(questionTerms, Terms.all(plain));
        values[3] = Terms.coverage(questionTerms, contextTerms);
        values[4] = type == AnswerType.NONE ? 0 : 1;
        values[5] = type != AnswerType.NONE && !type.foundIn(plain) ? 1 : 0;
        values[6] = cited.isEmpty() ? 0 : 1;
        Set<String> retrieved = new HashSet<>(contextTerms);
        for (SearchHit hit : context) {
            retrieved.addAll(Terms.all(evidenceText(hit)));
        }
        values[7] = Terms.rarestMissing(questionTerms, retrieved);
        // A question naming something specific ("Magento", "Slack") is not answered by evidence that never names it.
        values[8] = cited.isEmpty() ? 1 : Terms.rarestMissing(questionTerms, citedTerms);
        values[9] = Terms.namesAbsent(question, queryTerms);
        // What the knowledge base knows at all, whatever was retrieved: words it never uses, in any case.
        values[10] = Terms.absentShare(question, queryTerms);
        values[11] = Terms.rarestAbsent(question, queryTerms);
        // How close in meaning the best evidence is, whether or not the answerer found a sentence in it.
        values[12] = denseContext(asked, context.subList(0, Math.min(CONTEXT_CHUNKS, context.size())));
        // Evidence about the topic spreads the question's words over a section; an answer states them together.
        values[13] = cited.isEmpty() ? 0 : sentenceCoverage(questionTerms, plain);
        return new Features(values);
    }

    /** Best IDF-weighted coverage of the question's content words by one sentence of the answer. */
    private static double sentenceCoverage(List<String> questionTerms, String answer) {
        double best = 0;
        Matcher sentence = SENTENCE.matcher(answer);
        while (sentence.find()) {
            best = Math.max(best, Terms.coverage(questionTerms, Terms.all(sentence.group())));
        }
        return best;
    }

    /** Best cosine similarity between the question and one of the best retrieved chunks (title, section and text). */
    private double denseContext(String question, List<SearchHit> hits) {
        List<String> texts = new ArrayList<>();
        for (SearchHit hit : hits) {
            texts.add(evidenceText(hit).strip());
        }
        return bestSimilarity(question, texts);
    }

    /** Best cosine similarity between the question and one of the answer's sentences. */
    private double denseAnswer(String question, String answer) {
        List<String> sentences = new ArrayList<>();
        Matcher sentence = SENTENCE.matcher(answer);
        while (sentence.find()) {
            String text = sentence.group().strip();
            if (text.length() > 10) {
                sentences.add(text);
            }
        }
        return bestSimilarity(question, sentences);
    }

    private double bestSimilarity(String question, List<String> sentences) {
        if (sentences.isEmpty()) {
            return 0;
        }
        float[] query = embedder.embedQuery(question);
        double best = 0;
        for (float[] vector : embedder.embedDocuments(sentences)) {
            best = Math.max(best, Vectors.cosine(query, vector));
        }
        return best;
    }

    private static String evidenceText(SearchHit hit) {
        return hit.title() + " " + (hit.sectionPath() == null ? "" : hit.sectionPath()) + " " + hit.text();
    }

    /** The cached embedder this model scores with, for the offline answerer to share (same question, same sections). */
    public CachingEmbedder embedder() {
        return embedder;
    }

    /** The shipped model: {@code bias} and one weight per feature name. */
    static double[] loadModel() {
        return loadModel(Calibration.EXTRACTIVE);
    }

    static double[] loadModel(Calibration calibration) {
        String resource = calibration.resource();
        if (resource == null) {
            throw new IllegalArgumentException("No answerability model is fitted for " + calibration);
        }
        Properties properties = new Properties();
        try (InputStream in = Answerability.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            properties.load(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        double[] model = new double[FEATURES.size() + 1];
        model[0] = Double.parseDouble(properties.getProperty("bias"));
        for (int i = 0; i < FEATURES.size(); i++) {
            String weight = properties.getProperty(FEATURES.get(i));
            if (weight == null) {
                throw new IllegalStateException(resource + " has no weight for " + FEATURES.get(i));
            }
            model[i + 1] = Double.parseDouble(weight);
        }
        return model;
    }
}
