package org.supportrag.generation.routing;

import org.supportrag.generation.answer.Answer;
import org.supportrag.generation.answer.Question;

/**
 * Decides whether a model's complete answer may reach the customer (e.g. every claim grounded in the chunk it
 * cites). With a check other than {@link #NONE}, the chain holds each model's answer back until it passed and asks
 * the next model when it did not.
 */
@FunctionalInterface
public interface AnswerCheck {

    /** Every answer passes; answers stream token by token. */
    AnswerCheck NONE = (answer, question) -> true;

    boolean passes(Answer answer, Question question);
}
