package org.supportrag.retrieval.rewrite;

import java.util.List;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;

/** Makes a question understandable without the conversation before it. Thread-safe. */
public interface QueryRewriter {

    /** The standalone query; {@code question} itself when the history adds nothing. */
    String standalone(String question, List<ConversationTurn> history);

    /** A low-cardinality name for metrics and traces. */
    String name();
}
