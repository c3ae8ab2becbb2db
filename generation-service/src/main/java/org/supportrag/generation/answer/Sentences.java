package org.supportrag.generation.answer;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits help-center text (plain or Markdown) into quotable sentences. */
final class Sentences {

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+.*");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d{1,3}[.)])\\s+");
    private static final Pattern QUOTE = Pattern.compile("^\\s*>\\s?");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    // Markers already in the source would read as our own citations.
    private static final Pattern BRACKETED_NUMBER = Pattern.compile("\\s*\\[\\d+(?:\\s*,\\s*\\d+)*]");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|`)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final int MIN_WORDS = 3;
    private static final int MAX_CHARS = 600;

    private Sentences() {
    }

    static List<String> split(String text) {
        return splitAll(text).stream().filter(Sentences::quotable).toList();
    }

    /** Every sentence, quotable or not ("Required columns:" introduces a table in two words). */
    static List<String> splitAll(String text) {
        List<String> sentences = new ArrayList<>();
        for (String unit : units(text)) {
            BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            breaks.setText(unit);
            int start = breaks.first();
            for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
                String sentence = unit.substring(start, end).strip();
                if (!sentence.isEmpty()) {
                    sentences.add(sentence);
                }
            }
        }
        return sentences;
    }

    /** Paragraphs and list items, cleaned of Markdown; headings are dropped (they are labels, not answers). */
    private static List<String> units(String text) {
        List<String> units = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String rawLine : text.split("\\R")) {
            String line = QUOTE.matcher(rawLine).replaceFirst("");
            boolean blank = line.isBlank();
            boolean heading = HEADING.matcher(line).matches();
            Matcher item = LIST_ITEM.matcher(line);
            boolean listItem = item.lookingAt();
            if (blank || heading || listItem) {
                flush(paragraph, units);
            }
            if (blank || heading) {
                continue;
            }
            if (paragraph.length() > 0) {
                paragraph.append(' ');
            }
            paragraph.append(listItem ? line.substring(item.end()) : line.strip());
        }
        flush(paragraph, units);
        return units;
    }

    private static void flush(StringBuilder paragraph, List<String> units) {
        if (paragraph.length() > 0) {
            units.add(clean(paragraph.toString()));
            paragraph.setLength(0);
        }
    }

    static String clean(String text) {
        String cleaned = LINK.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        cleaned = BRACKETED_NUMBER.matcher(cleaned).replaceAll("");
        cleaned = EMPHASIS.matcher(cleaned).replaceAll("");
        return WHITESPACE.matcher(cleaned).replaceAll(" ").strip();
    }

    static boolean quotable(String sentence) {
        return sentence.length() <= MAX_CHARS && LETTER.matcher(sentence).find()
                && WHITESPACE.split(sentence).length >= MIN_WORDS;
    }
}
