package org.supportrag.eval.beir;

/**
 * One line of {@code corpus.jsonl}.
 *
 * @param title empty when the line has none
 */
public record BeirDocument(String id, String title, String text) {
}
