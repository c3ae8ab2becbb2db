package org.supportrag.ingestion.chunking;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.embedding.TokenCounter;

/**
 * Chunks a PDF by pages, so every chunk can say where it came from: the section path is {@code Title > p. N} (or
 * {@code p. N–M} when short consecutive pages were merged). A page above the size limit is split like any text.
 */
public final class PdfChunker {

    private static final String PATH_SEPARATOR = " > ";

    private final TextSplitter splitter;
    private final ChunkingSettings settings;

    public PdfChunker(TokenCounter tokens, ChunkingSettings settings) {
        this.splitter = new TextSplitter(tokens, settings);
        this.settings = settings;
    }

    /** Consecutive pages {@code first..last} (1-based) and their text. */
    private record Span(int first, int last, String text, int tokens) {

        String label() {
            return first == last ? "p. " + first : "p. " + first + "–" + last;
        }
    }

    /**
     * @param title the PDF's own title, when it has one; else the first short line, else the file name
     * @param pages page texts in order; blank pages are skipped
     */
    public ChunkedDocument chunk(@Nullable String title, List<String> pages, String fileName) {
        String documentTitle = title != null ? title : PlainTextChunker.title(String.join("\n", pages), fileName);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            String text = TextSplitter.trimBlankLines(pages.get(i));
            if (!text.isBlank()) {
                spans.add(new Span(i + 1, i + 1, text, splitter.count(text)));
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        for (Span span : mergeTiny(spans)) {
            String path = documentTitle + PATH_SEPARATOR + span.label();
            for (TextSplitter.Piece piece : splitter.split(span.text())) {
                chunks.add(new Chunk(piece.text(), path, piece.tokens(), span.first()));
            }
        }
        return new ChunkedDocument(documentTitle, chunks);
    }

    /** A short page (a cover, a page ending a chapter) joins the next one when both fit in one chunk. */
    private List<Span> mergeTiny(List<Span> spans) {
        List<Span> merged = new ArrayList<>();
        Span current = null;
        for (Span next : spans) {
            if (current == null) {
                current = next;
                continue;
            }
            boolean tiny = current.tokens() < settings.minTokens() || next.tokens() < settings.minTokens();
            boolean adjacent = next.first() == current.last() + 1;
            if (tiny && adjacent && current.tokens() + next.tokens() <= settings.maxTokens()) {
                String text = current.text() + "\n\n" + next.text();
                int tokens = splitter.count(text);
                if (tokens <= settings.maxTokens()) {
                    current = new Span(current.first(), next.last(), text, tokens);
                    continue;
                }
            }
            merged.add(current);
            current = next;
        }
        if (current != null) {
            merged.add(current);
        }
        return merged;
    }
}
