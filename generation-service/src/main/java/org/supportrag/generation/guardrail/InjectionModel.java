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
 * A logistic-regression injection classifier over {@link InjectionFeatures}, trained offline by
 * {@code InjectionModelTrainer} (generation-service tests) and shipped as {@value #RESOURCE}. Typed messages are
 * scored whole; retrieved chunks sentence by sentence (a planted instruction is one sentence among many), each
 * against its own threshold chosen on validation data.
 */
final class InjectionModel {

    static final String RESOURCE = "/guardrail/injection-model.bin.gz";
    private static final int MAGIC = 0x53524A31; // "SRJ1"
    // Sentences, or lines for lists and tables.
    private static final Pattern SENTENCE = Pattern.compile("[^.!?。\\n]+(?:[.!?。]+|\\n|$)");
    private static final int MAX_SENTENCES = 64;

    private final float[] weights;
    private final float bias;
    private final double inputThreshold;
    private final double chunkThreshold;

    InjectionModel(float[] weights, float bias, double inputThreshold, double chunkThreshold) {
        if (weights.length != InjectionFeatures.DIMENSIONS) {
            throw new IllegalArgumentException("weights must have " + InjectionFeatures.DIMENSIONS + " dimensions");
        }
        this.weights = weights;
        this.bias = bias;
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

    /** Probability that a text (one sentence or message) is an injection. */
    double probability(String text) {
        return probability(InjectionFeatures.of(InjectionText.normalize(text)));
    }

    /** Probability that a typed message is an injection, read forwards or backwards ("read this backwards: ..."). */
    double inputProbability(String text) {
        String normalized = InjectionText.normalize(text);
        double forwards = probability(InjectionFeatures.of(normalized));
        String reversed = new StringBuilder(normalized).reverse().toString();
        return Math.max(forwards, probability(InjectionFeatures.of(reversed)));
    }

    double probability(InjectionFeatures.Vector vector) {
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
        double best = sentences.size() == 1 ? 0 : probability(text);
        for (int i = 0; i < sentences.size(); i++) {
            best = Math.max(best, probability(sentences.get(i)));
            if (i + 1 < sentences.size()) {
                best = Math.max(best, probability(sentences.get(i) + " " + sentences.get(i + 1)));
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
        return new InjectionModel(weights, bias, input, chunk);
    }

    float[] weights() {
        return weights;
    }

    float bias() {
        return bias;
    }

    /** Gzipped: magic, dimensions, bias, both thresholds, then the non-zero weights as index/value pairs. */
    void write(OutputStream target) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(target))) {
            out.writeInt(MAGIC);
            out.writeInt(InjectionFeatures.DIMENSIONS);
            out.writeFloat(bias);
            out.writeDouble(inputThreshold);
            out.writeDouble(chunkThreshold);
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
    }

    static InjectionModel read(InputStream source) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(source))) {
            if (in.readInt() != MAGIC || in.readInt() != InjectionFeatures.DIMENSIONS) {
                throw new IOException("not an injection model of this version");
            }
            float bias = in.readFloat();
            double input = in.readDouble();
            double chunk = in.readDouble();
            float[] weights = new float[InjectionFeatures.DIMENSIONS];
            int nonZero = in.readInt();
            for (int i = 0; i < nonZero; i++) {
                weights[in.readInt()] = in.readFloat();
            }
            return new InjectionModel(weights, bias, input, chunk);
        }
    }
}
