package org.supportrag.generation.guardrail;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Two logistic-regression injection classifiers over {@link InjectionFeatures}, trained offline by
 * {@code InjectionModelTrainer} (generation-service tests) and shipped as {@value #RESOURCE}: one for typed messages,
 * scored whole, and one for document text, scored sentence by sentence (a planted instruction is one sentence among
 * many) and trained on more benign document sentences than the typed one could bear. Each has its own threshold
 * chosen on validation data.
 */
final class InjectionModel {

    static final String RESOURCE = "/guardrail/injection-model.bin.gz";
    private static final int MAGIC = 0x53524A32; // "SRJ2"
    // Sentences, or lines for lists and tables.
    private static final Pattern SENTENCE = Pattern.compile("[^.!?。\\n]+(?:[.!?。]+|\\n|$)");
    private static final int MAX_SENTENCES = 64;

    private final float[] weights;
    private final float bias;
    private final float[] chunkWeights;
    private final float chunkBias;
    private final double inputThreshold;
    private final double chunkThreshold;

    /** One classifier for typed messages and document text alike. */
    InjectionModel(float[] weights, float bias, double inputThreshold, double chunkThreshold) {
        this(weights, bias, weights, bias, inputThreshold, chunkThreshold);
    }

    InjectionModel(float[] weights, float bias, float[] chunkWeights, float chunkBias, double inputThreshold,
            double chunkThreshold) {
        if (weights.length != InjectionFeatures.DIMENSIONS || chunkWeights.length != InjectionFeatures.DIMENSIONS) {
            throw new IllegalArgumentException("weights must have " + InjectionFeatures.DIMENSIONS + " dimensions");
        }
        this.weights = weights;
        this.bias = bias;
        this.chunkWeights = chunkWeights;
        this.chunkBias = chunkBias;
        this.inputThreshold = inputThreshold;
        this.chunkThreshold = chunkThreshold;
    }

    /** The model bundled with the service. */
    static InjectionModel bundled() {
        return Holder.BUNDLED;
    }

    private static final class Holder {
        static final InjectionModel BUNDLED = load();

        private static InjectionModel load() {
            try (InputStream in = InjectionModel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("injection model " + RESOURCE + " missing from the classpath");
                }
                return read(in);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** Probability that a text (one sentence or message) is an injection, by the typed-message classifier. */
    double probability(String text) {
        return probability(InjectionFeatures.of(InjectionText.normalize(text)));
    }

    /** Probability that a sentence of a document is an instruction planted for the assistant. */
    double sentenceProbability(String text) {
        return score(InjectionFeatures.of(InjectionText.normalize(text)), chunkWeights, chunkBias);
    }

    /** Probability that a typed message is an injection, read forwards or backwards ("read this backwards: ..."). */
    double inputProbability(String text) {
        String normalized = InjectionText.normalize(text);
        double forwards = probability(InjectionFeatures.of(normalized));
        String reversed = new StringBuilder(normalized).reverse().toString();
        return Math.max(forwards, probability(InjectionFeatures.of(reversed)));
    }

    double probability(InjectionFeatures.Vector vector) {
        return score(vector, weights, bias);
    }

    private static double score(InjectionFeatures.Vector vector, float[] weights, float bias) {
        double z = bias;
        int[] indices = vector.indices();
        float[] values = vector.values();
        for (int i = 0; i < indices.length; i++) {
            z += weights[indices[i]] * values[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** The highest probability over a chunk's sentences, pairs of adjacent sentences and the chunk as a whole. */
    double chunkProbability(String text) {
        List<String> sentences = sentences(text);
        double best = sentences.size() == 1 ? 0 : sentenceProbability(text);
        for (int i = 0; i < sentences.size(); i++) {
            best = Math.max(best, sentenceProbability(sentences.get(i)));
            if (i + 1 < sentences.size()) {
                best = Math.max(best, sentenceProbability(sentences.get(i) + " " + sentences.get(i + 1)));
            }
        }
        return best;
    }

    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        Matcher sentence = SENTENCE.matcher(text);
        while (sentence.find() && sentences.size() < MAX_SENTENCES) {
            String value = sentence.group().strip();
            if (value.length() >= 3) {
                sentences.add(value);
            }
        }
        if (sentences.isEmpty()) {
            sentences.add(text.strip());
        }
        return sentences;
    }

    boolean injection(String text) {
        return inputProbability(text) >= inputThreshold;
    }

    boolean plantedIn(String chunk) {
        return chunkProbability(chunk) >= chunkThreshold;
    }

    double inputThreshold() {
        return inputThreshold;
    }

    double chunkThreshold() {
        return chunkThreshold;
    }

    InjectionModel withThresholds(double input, double chunk) {
        return new InjectionModel(weights, bias, chunkWeights, chunkBias, input, chunk);
    }

    /** This model's typed-message classifier with another one for document text. */
    InjectionModel withChunkClassifier(InjectionModel other) {
        return new InjectionModel(weights, bias, other.weights, other.bias, inputThreshold, chunkThreshold);
    }

    float[] chunkWeights() {
        return chunkWeights;
    }

    float chunkBias() {
        return chunkBias;
    }

    float[] weights() {
        return weights;
    }

    float bias() {
        return bias;
    }

    /**
     * Gzipped: magic, dimensions, both thresholds, then per classifier (typed, document) its bias and its non-zero
     * weights as index/value pairs.
     */
    void write(OutputStream target) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(target))) {
            out.writeInt(MAGIC);
            out.writeInt(InjectionFeatures.DIMENSIONS);
            out.writeDouble(inputThreshold);
            out.writeDouble(chunkThreshold);
            writeClassifier(out, weights, bias);
            writeClassifier(out, chunkWeights, chunkBias);
        }
    }

    private static void writeClassifier(DataOutputStream out, float[] weights, float bias) throws IOException {
        out.writeFloat(bias);
        int nonZero = 0;
        for (float weight : weights) {
            if (weight != 0) {
                nonZero++;
            }
        }
        out.writeInt(nonZero);
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0) {
                out.writeInt(i);
                out.writeFloat(weights[i]);
            }
        }
    }

    private static float[] readWeights(DataInputStream in) throws IOException {
        float[] weights = new float[InjectionFeatures.DIMENSIONS];
        int nonZero = in.readInt();
        for (int i = 0; i < nonZero; i++) {
            weights[in.readInt()] = in.readFloat();
        }
        return weights;
    }

    static InjectionModel read(InputStream source) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(source))) {
            if (in.readInt() != MAGIC || in.readInt() != InjectionFeatures.DIMENSIONS) {
                throw new IOException("not an injection model of this version");
            }
            double input = in.readDouble();
            double chunk = in.readDouble();
            float bias = in.readFloat();
            float[] weights = readWeights(in);
            float chunkBias = in.readFloat();
            float[] chunkWeights = readWeights(in);
            return new InjectionModel(weights, bias, chunkWeights, chunkBias, input, chunk);
        }
    }
}
