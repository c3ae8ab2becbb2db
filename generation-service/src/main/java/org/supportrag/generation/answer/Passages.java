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
    /** An FAQ answer up to this long is quoted whole. */
    static final int MAX_FAQ_ANSWER_CHARS = 400;
    /** A sentence pointing back is quoted with the one before it when both together are shorter than this. */
    static final int MAX_PAIR_CHARS = 360;
    /** "**Question?** Answer": an FAQ entry, the question in bold. */
    private static final Pattern FAQ = Pattern.compile("^\\s*\\*\\*([^*]+\\?)\\*\\*\\s*");
    /** A sentence that only makes sense after the one before it. */
    private static final Pattern POINTS_BACK = Pattern.compile(
            "^(?:This|That|These|Those|It|They|Both|Such|Otherwise|Then|Dies|Das|Diese)\\b(?!\\s+(?:page|section)\\b)");
    private static final Pattern FENCE = Pattern.compile("^\\s*(?:```|~~~)");
    /** Retrieval marks the sentences its context compression left out with an ellipsis. */
    private static final Pattern LEFT_OUT = Pattern.compile("(?m)^… |\\s… ");

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
                Matcher faq = FAQ.matcher(paragraph.text());
                if (faq.lookingAt() && faq.end() < paragraph.text().length()) {
                    // "**Can I ...?** No. Keys are shown only once.": the answer is quoted whole, read with its question.
                    String question = Sentences.clean(faq.group(1));
                    String answer = Sentences.clean(paragraph.text().substring(faq.end()));
                    if (answer.length() <= MAX_FAQ_ANSWER_CHARS && Sentences.quotable(answer + " " + question)) {
                        passages.add(new Passage(answer, question, false));
                        continue;
                    }
                    sentences(Sentences.splitAll(answer), question, elements, i, passages);
                    continue;
                }
                sentences(Sentences.splitAll(paragraph.text()), "", elements, i, passages);
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

    /**
     * The passages of one paragraph's sentences: a question it asks becomes what the following sentences answer, a
     * sentence that points back ("This takes up to 5 business days.") is quoted with the one it points to, and a
     * lead-in colon brings its list along.
     */
    private static void sentences(List<String> sentences, String context, List<Element> elements, int i,
            List<Passage> passages) {
        String lead = context;
        for (int s = 0; s < sentences.size(); s++) {
            String sentence = sentences.get(s);
            boolean last = s == sentences.size() - 1;
            boolean list = last && i + 1 < elements.size() && elements.get(i + 1) instanceof Items;
            if (sentence.endsWith("?")) {
                // Quoting a question back never answers it; it says what the next sentences answer.
                lead = sentence;
                continue;
            }
            if (sentence.endsWith(":") && list) {
                String kept = keep(sentence, ((Items) elements.get(i + 1)).items());
                if (kept != null) {
                    passages.add(new Passage(kept, lead, true));
                }
                continue;
            }
            if (!Sentences.quotable(sentence)) {
                continue;
            }
            String previous = s > 0 ? sentences.get(s - 1) : "";
            if (POINTS_BACK.matcher(sentence).lookingAt() && Sentences.quotable(previous) && !previous.endsWith("?")
                    && !previous.endsWith(":") && previous.length() + sentence.length() < MAX_PAIR_CHARS) {
                passages.add(new Passage(previous + " " + sentence, lead, false));
                continue;
            }
            // A lead-in colon without a list after it (a code sample, or cut off) still states something.
            passages.add(new Passage(sentence, lead, false));
        }
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
        List<String> sentences = Sentences.splitAll(paragraph.text());
        return sentences.isEmpty() ? "" : sentences.getLast();
    }

    /** Paragraphs and runs of list items or table rows, Markdown cleaned. */
    private static List<Element> elements(String section) {
        List<Element> elements = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        List<String> items = new ArrayList<>();
        @Nullable List<String> header = null;
        boolean code = false;
        for (String line : LEFT_OUT.matcher(section).replaceAll("\n\n").split("\\R")) {
            String stripped = line.strip();
            Matcher item = LIST_ITEM.matcher(line);
            boolean tableRow = stripped.startsWith("|");
            if (FENCE.matcher(line).lookingAt() || code) {
                // Code samples are shown, not quoted as sentences.
                code ^= FENCE.matcher(line).lookingAt();
                flushParagraph(paragraph, elements);
                flushItems(items, elements);
                header = null;
                continue;
            }
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
