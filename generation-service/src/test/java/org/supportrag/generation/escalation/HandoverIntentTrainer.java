package org.supportrag.generation.escalation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains the handover intent model and writes {@code src/main/resources/handover/intent-model.json}. Run from the
 * generation-service directory: {@code java ... HandoverIntentTrainer}. Data: {@code src/test/resources/handover/
 * train.jsonl} (ours), {@code ../datasets/demo/handover/tuning.jsonl} and {@code fresh-tuning.jsonl}; never the test
 * splits. The threshold is the
 * lowest that lets no negative through in 5-fold cross-validation, plus a margin; deterministic.
 */
public final class HandoverIntentTrainer {

    static final Path OURS = Path.of("src/test/resources/handover/train.jsonl");
    static final Path TUNING = Path.of("../datasets/demo/handover/tuning.jsonl");
    static final Path FRESH_TUNING = Path.of("../datasets/demo/handover/fresh-tuning.jsonl");
    static final Path OUTPUT = Path.of("src/main/resources/handover/intent-model.json");

    static final double CUE_L2 = 0.01;
    static final double WORD_L2 = 0.3;
    static final int EPOCHS = 3000;
    static final double RATE = 0.5;
    static final double MARGIN = 0.05;
    static final int FOLDS = 5;

    record Example(String text, boolean person) {
    }

    private HandoverIntentTrainer() {
    }

    public static void main(String[] args) throws IOException {
        List<Example> examples = new ArrayList<>(read(OURS));
        examples.addAll(read(TUNING));
        examples.addAll(read(FRESH_TUNING));
        double[] outOfFold = crossValidate(examples);
        double highestNegative = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (!examples.get(i).person()) {
                highestNegative = Math.max(highestNegative, outOfFold[i]);
            }
        }
        for (int i = 0; i < examples.size(); i++) {
            if (!examples.get(i).person() && outOfFold[i] > 0.3) {
                System.out.printf(Locale.ROOT, "negative in CV (%.3f): %s%n", outOfFold[i], examples.get(i).text());
            }
        }
        double threshold = Math.min(0.95, Math.max(0.5, highestNegative + MARGIN));
        int found = 0;
        int persons = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).person()) {
                persons++;
                if (outOfFold[i] >= threshold) {
                    found++;
                }
                else {
                    System.out.printf(Locale.ROOT, "missed in CV (%.3f): %s%n", outOfFold[i], examples.get(i).text());
                }
            }
        }
        System.out.printf(Locale.ROOT, "examples %d, threshold %.3f, CV recall %d/%d, CV false handovers 0%n",
                examples.size(), threshold, found, persons);
        HandoverIntent.Model model = train(examples, threshold);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("about", "Handover intent (logistic regression over IntentFeatures), trained by HandoverIntentTrainer");
        json.put("cues", IntentFeatures.CUES);
        json.put("hashed", IntentFeatures.HASHED);
        json.put("bias", round(model.bias()));
        json.put("threshold", round(threshold));
        List<Double> weights = new ArrayList<>();
        for (double weight : model.weights()) {
            weights.add(round(weight));
        }
        json.put("weights", weights);
        Files.createDirectories(OUTPUT.getParent());
        Files.writeString(OUTPUT, JsonMapper.builder().build().writeValueAsString(json) + "\n");
        for (int i = 0; i < IntentFeatures.CUES.size(); i++) {
            System.out.printf(Locale.ROOT, "  %-24s %+.3f%n", IntentFeatures.CUES.get(i), model.weights()[i]);
        }
    }

    static List<Example> read(Path file) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Example> examples = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                examples.add(new Example(node.get("text").stringValue(), node.get("label").intValue() == 1));
            }
        }
        return examples;
    }

    /** Out-of-fold probabilities, folds by position (every FOLDS-th example). */
    static double[] crossValidate(List<Example> examples) {
        double[] result = new double[examples.size()];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Example> train = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (i % FOLDS != fold) {
                    train.add(examples.get(i));
                }
            }
            HandoverIntent.Model model = train(train, 0.5);
            for (int i = fold; i < examples.size(); i += FOLDS) {
                result[i] = HandoverIntent.sigmoid(
                        HandoverIntent.score(IntentFeatures.of(examples.get(i).text()), model.weights(), model.bias()));
            }
        }
        return result;
    }

    /** Full-batch gradient descent on the L2-regularized log loss, classes weighted equally. */
    static HandoverIntent.Model train(List<Example> examples, double threshold) {
        int size = IntentFeatures.SIZE;
        double[][] features = new double[examples.size()][];
        long positives = examples.stream().filter(Example::person).count();
        double positiveWeight = examples.size() / (2.0 * Math.max(1, positives));
        double negativeWeight = examples.size() / (2.0 * Math.max(1, examples.size() - positives));
        for (int i = 0; i < examples.size(); i++) {
            features[i] = IntentFeatures.of(examples.get(i).text());
        }
        double[] weights = new double[size];
        double bias = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double[] gradient = new double[size];
            double biasGradient = 0;
            for (int i = 0; i < examples.size(); i++) {
                double p = HandoverIntent.sigmoid(HandoverIntent.score(features[i], weights, bias));
                boolean person = examples.get(i).person();
                double error = (p - (person ? 1 : 0)) * (person ? positiveWeight : negativeWeight);
                for (int j = 0; j < size; j++) {
                    if (features[i][j] != 0) {
                        gradient[j] += error * features[i][j];
                    }
                }
                biasGradient += error;
            }
            for (int j = 0; j < size; j++) {
                double l2 = j < IntentFeatures.CUES.size() ? CUE_L2 : WORD_L2;
                weights[j] -= RATE * (gradient[j] / examples.size() + l2 * weights[j] / examples.size() * 10);
            }
            bias -= RATE * biasGradient / examples.size();
        }
        return new HandoverIntent.Model(weights, bias, threshold);
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
