package org.supportrag.contracts.retrieval.v1;

/**
 * A word of the searched query as written, and whether any chunk of the knowledge base the caller may read contains
 * it (after the query language's stemming): a question naming something the knowledge base never mentions is likely
 * not answerable there, whatever the best chunks say.
 *
 * @param word the word as it appears in the query (case kept), stop words left out
 * @param inKnowledgeBase whether a readable chunk of the searched knowledge base contains it
 */
public record QueryTerm(String word, boolean inKnowledgeBase) {
}
