package org.supportrag.ingestion.chunking;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a document as it is indexed.
 *
 * @param text the raw section text, shown to the model and the user
 * @param sectionPath where the text sits in the document, e.g. {@code Title > Section > Subsection}
 * @param tokenCount tokens of {@code text} in the embedding model's tokenizer
 * @param page the 1-based page the chunk starts on, for paged formats (PDF)
 */
public record Chunk(String text, String sectionPath, int tokenCount, @Nullable Integer page) {

    public Chunk(String text, String sectionPath, int tokenCount) {
        this(text, sectionPath, tokenCount, null);
    }

    /** What gets embedded: the section path gives the vector the context the raw text often lacks. */
    public String embeddingText() {
        return sectionPath + "\n\n" + text;
    }
}
