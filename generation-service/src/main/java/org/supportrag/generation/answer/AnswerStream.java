package org.supportrag.generation.answer;

/** Receives an answer's text piece by piece while it is written. */
public interface AnswerStream {

    void token(String text);

    /** True once nobody listens any more (the client went away): answerers stop early. */
    boolean cancelled();
}
