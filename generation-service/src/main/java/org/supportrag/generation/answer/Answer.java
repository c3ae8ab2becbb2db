package org.supportrag.generation.answer;

import java.util.ArrayList;
import java.util.List;

import org.supportrag.generation.confidence.Calibration;

/**
 * A finished answer.
 *
 * @param text the full answer, equal to the streamed tokens
 * @param confidence how well the answer is grounded, 0..1
 * @param model what wrote it, e.g. {@code offline-extractive} or the provider's model name
 * @param promptTokens tokens sent to the model (estimated when the provider does not report them)
 * @param completionTokens tokens of the answer
 * @param costUsd what the call cost, 0 offline
 * @param flags signals raised while answering, see {@link AnswerFlags}
 * @param calibration which answerability model scores this answer (the answerer's kind)
 */
public record Answer(String text, double confidence, String model, int promptTokens, int completionTokens,
        double costUsd, List<String> flags, Calibration calibration) {

    public Answer {
        flags = List.copyOf(flags);
    }

    /** An answer no answerability model was fitted for: scored on its evidence. */
    public Answer(String text, double confidence, String model, int promptTokens, int completionTokens,
            double costUsd, List<String> flags) {
        this(text, confidence, model, promptTokens, completionTokens, costUsd, flags, Calibration.NONE);
    }

    public Answer withFlag(String flag) {
        if (flags.contains(flag)) {
            return this;
        }
        List<String> more = new ArrayList<>(flags);
        more.add(flag);
        return new Answer(text, confidence, model, promptTokens, completionTokens, costUsd, more, calibration);
    }
}
