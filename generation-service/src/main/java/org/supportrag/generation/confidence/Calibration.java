package org.supportrag.generation.confidence;

import org.jspecify.annotations.Nullable;

/**
 * Which answerability model an answer is scored with: one per kind of answerer, fitted on that kind's answers
 * ({@code AnswerabilityTrainer}). An answer carries its kind, so scoring never guesses it from a model name.
 */
public enum Calibration {

    /**
     * No model was fitted on this answerer's answers: the evidence-based confidence applies. LLM answers are here:
     * a calibration has to be fitted on the answers of the model it scores, and the only model the tests reach is the
     * stub LLM, whose canned replies would calibrate the stub, not a provider's model.
     */
    NONE(null),

    /** The offline extractive answerer ({@code ExtractiveAnswerer}). */
    EXTRACTIVE("/confidence/answerability-model.properties");

    private final @Nullable String resource;

    Calibration(@Nullable String resource) {
        this.resource = resource;
    }

    /** The classpath resource of the fitted model, {@code null} for {@link #NONE}. */
    public @Nullable String resource() {
        return resource;
    }
}
