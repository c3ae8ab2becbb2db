package org.supportrag.retrieval.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into sentences (JDK BreakIterator), keeping line breaks as boundaries too: list items are sentences. */
public final class Sentences {

    private Sentences() {
    }

    /** The sentences of {@code text}; concatenated they give back the text (whitespace included). */
    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        for (String line : text.split("(?<=\n)")) {
            iterator.setText(line);
            int start = iterator.first();
            for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
                sentences.add(line.substring(start, end));
            }
        }
        return sentences;
    }
}
