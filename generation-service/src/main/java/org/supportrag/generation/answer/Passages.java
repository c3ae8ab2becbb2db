package org.supportrag.generation.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Splits a section of help-center Markdown into quotable passages: sentences, list items, table rows, and a lead-in
 * sentence ending in a colon together with the list or table it introduces ("We retry the payment automatically:
 * 3 days after...; 5 days after...; 7 days after..."), which is where such pages keep their answers.
 */
final class Passages {

    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d{1,3}[.)])\\s+");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{2,}.*");
    /** Longest list or table kept whole behind its lead-in. */
    static final int MAX_KEPT_ITEMS = 12;
    static final int MAX_KEPT_CHARS = 900;
    /** Lists of up to this many items behind a lead-in are only quoted whole. */
    static final int QUOTED_WHOLE = 6;
    /** List items or table rows quoted on their own need more words than this. */
    static final int MIN_ITEM_WORDS = 3;

    private Passages() {
    }

    /**
     * A quotable passage.
     *
     * @param text what is quoted
     * @param lead what it is about beyond its headings (a list item's lead-in), for comparing it with questions
     * @param structured a list item, table row or lead-in with its list: quoted as one unit
     */
    record Passage(String text, String lead, boolean structured) {
    }

    private sealed interface Element permits Paragraph, Items {
    }

    private record Paragraph(String text) implements Element {
    }

    private record Items(List<String> items) implements Element {
    }

    static List<Passage> split(String section) {
        List<Element> elements = elements(section);
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            Element element = elements.get(i);
            if (element instanceof Paragraph paragraph) {
                List<String> sentences = Sentences.split(paragraph.text());
                for (int s = 0; s < sentences.size(); s++) {
                    String sentence = sentences.get(s);
                    boolean leadIn = s == sentences.size() - 1 && sentence.endsWith(":")
                            && i + 1 < elements.size() && elements.get(i + 1) instanceof Items;
                    if (leadIn) {
                        Items items = (Items) elements.get(i + 1);
                        String kept = keep(sentence, items.items());
                        if (kept != null) {
                            passages.add(new Passage(kept, "", true));
                        }
                    }
                    else if (!sentence.endsWith(":")) {
                        passages.add(new Passage(sentence, "", false));
                    }
                }
            }
            else if (element instanceof Items items) {
                String lead = i > 0 && elements.get(i - 1) instanceof Paragraph paragraph ? lastSentence(paragraph)
                        : "";
                if (lead.endsWith(":") && items.items().size() <= QUOTED_WHOLE) {
                    // A short list behind its lead-in is quoted whole (above), never item by item.
                    continue;
                }
                for (String item : items.items()) {
                    // A bare row ("1: 1 minute") says nothing without its lead-in.
                    if (Sentences.quotable(item) && item.split("\\s+").length > MIN_ITEM_WORDS) {
                        passages.add(new Passage(item, lead, true));
                    }
                }
            }
        }
        return passages;
    }

    /** The lead-in with every item, or null when the list is too long to quote whole. */
    private static @Nullable String keep(String leadIn, List<String> items) {
        if (items.isEmpty() || items.size() > MAX_KEPT_ITEMS) {
            return null;
        }
        StringBuilder kept = new StringBuilder(leadIn);
        for (int i = 0; i < items.size(); i++) {
            String item = strip(items.get(i));
            kept.append(i == 0 ? " " : "; ").append(item);
        }
        return kept.length() > MAX_KEPT_CHARS ? null : kept.toString();
    }

    private static String strip(String item) {
        return item.endsWith(".") || item.endsWith(";") ? item.substring(0, item.length() - 1) : item;
    }

    private static String lastSentence(Paragraph paragraph) {
        List<String> sentences = Sentences.split(paragraph.text());
        return sentences.isEmpty() ? "" : sentences.getLast();
    }

    /** Paragraphs and runs of list items or table rows, Markdown cleaned. */
    private static List<Element> elements(String section) {
        List<Element> elements = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        List<String> items = new ArrayList<>();
        @Nullable List<String> header = null;
        for (String line : section.split("\\R")) {
            String stripped = line.strip();
            Matcher item = LIST_ITEM.matcher(line);
            boolean tableRow = stripped.startsWith("|");
            if (stripped.isEmpty()) {
                flushParagraph(paragraph, elements);
                continue;
            }
            if (tableRow) {
                flushParagraph(paragraph, elements);
                if (TABLE_RULE.matcher(stripped).matches()) {
                    continue;
                }
                List<String> cells = cells(stripped);
                if (header == null) {
                    flushItems(items, elements);
                    header = cells;
                }
                else {
                    items.add(row(header, cells));
                }
                continue;
            }
            if (header != null) {
                // The table ended.
                flushItems(items, elements);
                header = null;
            }
            if (item.lookingAt()) {
                flushParagraph(paragraph, elements);
                items.add(Sentences.clean(line.substring(item.end())));
                continue;
            }
            if (!items.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                // A list item's continuation line.
                items.set(items.size() - 1, items.getLast() + " " + Sentences.clean(stripped));
                continue;
            }
            flushItems(items, elements);
            if (paragraph.length() > 0) {
                paragraph.append(' ');
            }
            paragraph.append(stripped);
        }
        flushParagraph(paragraph, elements);
        flushItems(items, elements);
        return elements;
    }

    private static void flushParagraph(StringBuilder paragraph, List<Element> elements) {
        if (paragraph.length() > 0) {
            elements.add(new Paragraph(paragraph.toString()));
            paragraph.setLength(0);
        }
    }

    private static void flushItems(List<String> items, List<Element> elements) {
        if (!items.isEmpty()) {
            elements.add(new Items(List.copyOf(items)));
            items.clear();
        }
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        if (inner.startsWith("|")) {
            inner = inner.substring(1);
        }
        if (inner.endsWith("|")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(Sentences.clean(cell));
        }
        return cells;
    }

    /** "Pro: Monthly billing $49 per month, Annual billing $470 per year". */
    private static String row(List<String> header, List<String> cells) {
        if (cells.size() == 2) {
            // "First retry: 3 days after the failed charge": the second column's name adds nothing.
            return (cells.get(0) + ": " + cells.get(1)).strip();
        }
        StringBuilder row = new StringBuilder(cells.isEmpty() ? "" : cells.getFirst());
        for (int i = 1; i < cells.size(); i++) {
            String name = i < header.size() ? header.get(i) : "";
            row.append(i == 1 ? ": " : ", ").append(name.isBlank() ? "" : name + " ").append(cells.get(i));
        }
        return row.toString().strip();
    }
}
