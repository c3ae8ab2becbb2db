package org.supportrag.generation.conversation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.supportrag.contracts.retrieval.v1.SearchHit;

/**
 * A source an answer cites as {@code [index]}.
 *
 * @param index the number used in the answer text, 1-based
 * @param url the source page, when the document has one
 * @param snippet the start of the cited chunk, at most {@value #SNIPPET_CHARS} characters
 */
public record Citation(int index, UUID chunkId, UUID documentId, String title, @Nullable String url,
        String snippet) {

    public static final int SNIPPET_CHARS = 200;

    public static Citation of(int index, SearchHit hit) {
        return new Citation(index, hit.chunkId(), hit.documentId(), hit.title(), hit.sourceUri(), snippet(hit.text()));
    }

    static String snippet(String text) {
        // A preview for people: drop Markdown syntax (headings, emphasis, code ticks, table pipes, list markers).
        String plain = text.replaceAll("(?m)^\\s{0,3}#{1,6}\\s+", "")
            .replaceAll("(?m)^\\s*(?:[-*+]|\\d+[.)])\\s+", "")
            .replaceAll("\\*\\*|__|`", "")
            .replaceAll("\\|", " ");
        String flat = plain.replaceAll("\\s+", " ").strip();
        if (flat.length() <= SNIPPET_CHARS) {
            return flat;
        }
        // Cut at a word boundary, leaving room for the ellipsis.
        int cut = flat.lastIndexOf(' ', SNIPPET_CHARS - 1);
        if (cut < SNIPPET_CHARS / 2) {
            cut = SNIPPET_CHARS - 1;
        }
        return flat.substring(0, cut).strip() + "…";
    }
}
