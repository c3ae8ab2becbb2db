package org.supportrag.retrieval.rewrite;

import java.util.List;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;

/** Makes a question understandable without the conversation before it. Thread-safe. */
public interface QueryRewriter {

    /**
     * The standalone query; {@code question} itself when the history adds nothing.
     *
     * @param entities what the knowledge base names (titles, section paths, metadata values), for carrying the
     *                 conversation's entities forward
     */
    Rewritten rewrite(String question, List<ConversationTurn> history, KnowledgeBaseEntities entities);

    /**
     * The conversation leg's query: the exchange a follow-up refers to and the question, verbatim (searched besides
     * the standalone query and fused with it).
     */
    String conversational(String question, List<ConversationTurn> history, KnowledgeBaseEntities entities);

    /** A low-cardinality name for metrics and traces: {@code offline} or {@code llm}. */
    String name();

    /**
     * A rewrite's result.
     *
     * @param query    the standalone query
     * @param fellBack whether the rewriter could not do its job (e.g. the LLM failed) and a simpler one answered
     */
    record Rewritten(String query, boolean fellBack) {
    }
}
