package org.supportrag.generation.escalation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.generation.guardrail.PersonRequests;

/**
 * The handover intent: a logistic regression over {@link IntentFeatures} whose weights ship in
 * {@code handover/intent-model.json} (trained by {@code HandoverIntentTrainer} on an English and German set with hard
 * negatives; the threshold leaves no false handover on the training data under cross-validation). Thread-safe; a
 * message costs a few microseconds.
 */
@Component
public class HandoverIntent implements PersonRequests {

    static final String MODEL = "handover/intent-model.json";

    private final double[] weights;
    private final double bias;
    private final double threshold;

    public HandoverIntent() {
        this(load());
    }

    HandoverIntent(Model model) {
        if (model.weights().length != IntentFeatures.SIZE) {
            throw new IllegalStateException(MODEL + " has " + model.weights().length + " weights, the features "
                    + IntentFeatures.SIZE + ": retrain it");
        }
        this.weights = model.weights();
        this.bias = model.bias();
        this.threshold = model.threshold();
    }

    /** Weights, bias and decision threshold on the probability. */
    record Model(double[] weights, double bias, double threshold) {
    }

    @Override
    public boolean asksForPerson(String message) {
        return probability(message) >= threshold;
    }

    /** The probability that the message asks for a person. */
    public double probability(String message) {
        return sigmoid(score(IntentFeatures.of(message), weights, bias));
    }

    static double score(double[] features, double[] weights, double bias) {
        double sum = bias;
        for (int i = 0; i < features.length; i++) {
            if (features[i] != 0) {
                sum += features[i] * weights[i];
            }
        }
        return sum;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static Model load() {
        try (InputStream in = new ClassPathResource(MODEL).getInputStream()) {
            JsonNode node = JsonMapper.builder().build().readTree(in);
            JsonNode array = node.get("weights");
            double[] weights = new double[array.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = array.get(i).doubleValue();
            }
            return new Model(weights, node.get("bias").doubleValue(), node.get("threshold").doubleValue());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + MODEL, ex);
        }
    }
}
