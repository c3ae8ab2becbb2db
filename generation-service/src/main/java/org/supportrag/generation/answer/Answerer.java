package org.supportrag.generation.answer;

/**
 * Writes the answer to a customer question from retrieved help-center chunks, streaming its text as it goes. The
 * concatenated tokens equal {@link Answer#text()}. Citations are written inline as {@code [n]}, n being the 1-based
 * position of the chunk in {@link Question#context()}.
 */
public interface Answerer {

    Answer answer(Question question, AnswerStream stream);

    /** Whether answers are written from the database's prompt templates, so turns should resolve them. */
    default boolean usesPrompts() {
        return false;
    }
}
