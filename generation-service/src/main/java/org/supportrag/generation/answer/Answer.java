package org.supportrag.generation.answer;

import java.util.ArrayList;
import java.util.List;

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
 */
public record Answer(String text, double confidence, String model, int promptTokens, int completionTokens,
        double costUsd, List<String> flags) {

    public Answer {
        flags = List.copyOf(flags);
    }

    public Answer withFlag(String flag) {
        if (flags.contains(flag)) {
            return this;
        }
        List<String> more = new ArrayList<>(flags);
        more.add(flag);
        return new Answer(text, confidence, model, promptTokens, completionTokens, costUsd, more);
    }
}
