package org.supportrag.ingestion.chunking;

import java.text.BreakIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.embedding.TokenCounter;

/**
 * Splits text that exceeds the chunk size: on paragraph (block) boundaries first, then lines of structured blocks
 * (code, lists, tables), then sentences, then words; the pieces are packed back into chunks of at most
 * {@code maxTokens}, each starting with up to {@code overlapTokens} of the previous chunk's end.
 */
final class TextSplitter {

    private static final Pattern LEADING_BLANK_LINES = Pattern.compile("^(?:[ \\t]*\\n)+");
    private static final Pattern STRUCTURED_LINE = Pattern.compile("^(?:\\s*(?:[-*+]\\s|\\d{1,9}[.)]\\s|\\||>)| {4}|\\t).*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final String PARAGRAPH = "\n\n";
    private static final String LINE = "\n";
    private static final String SPACE = " ";

    private final TokenCounter tokens;
    private final int maxTokens;
    private final int overlapTokens;

    TextSplitter(TokenCounter tokens, ChunkingSettings settings) {
        this.tokens = tokens;
        this.maxTokens = settings.maxTokens();
        this.overlapTokens = settings.overlapTokens();
    }

    record Piece(String text, int tokens) {
    }

    /** A splittable unit and the separator that joins it to the unit before. */
    private record Unit(String text, String separator, int tokens) {
    }

    int count(String text) {
        return tokens.count(text);
    }

    /** The text as pieces within the size limit; none when it is blank. */
    List<Piece> split(String text) {
        String body = trimBlankLines(text);
        if (body.isBlank()) {
            return List.of();
        }
        int total = tokens.count(body);
        if (total <= maxTokens) {
            return total == 0 ? List.of() : List.of(new Piece(body, total));
        }
        List<Unit> units = new ArrayList<>();
        for (String block : blocks(body)) {
            addUnits(block, PARAGRAPH, 0, units);
        }
        return pack(units);
    }

    static String trimBlankLines(String text) {
        return LEADING_BLANK_LINES.matcher(text).replaceFirst("").stripTrailing();
    }

    /** Blank-line separated blocks; a fenced code block stays in one block even when it holds blank lines. */
    static List<String> blocks(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        MarkdownSyntax.Fence fence = null;
        for (String line : text.split("\n", -1)) {
            if (fence != null) {
                current.append(line).append('\n');
                if (fence.closedBy(line)) {
                    fence = null;
                }
                continue;
            }
            if (line.isBlank()) {
                flush(current, blocks);
                continue;
            }
            fence = MarkdownSyntax.openFence(line);
            current.append(line).append('\n');
        }
        flush(current, blocks);
        return blocks;
    }

    private static void flush(StringBuilder current, List<String> blocks) {
        String block = current.toString().stripTrailing();
        if (!block.isBlank()) {
            blocks.add(block);
        }
        current.setLength(0);
    }

    /** Adds {@code text} as one unit when it fits, else as finer units: lines or sentences, words, characters. */
    private void addUnits(String text, String separator, int level, List<Unit> out) {
        if (text.isBlank()) {
            return;
        }
        int count = tokens.count(text);
        if (count <= maxTokens) {
            if (count > 0) {
                out.add(new Unit(text, separator, count));
            }
            return;
        }
        List<String> parts;
        String partSeparator;
        switch (level) {
            case 0 -> {
                boolean lines = isLineStructured(text);
                parts = lines ? lines(text) : sentences(text);
                partSeparator = lines ? LINE : SPACE;
            }
            case 1 -> {
                parts = sentences(text);
                partSeparator = SPACE;
            }
            case 2 -> {
                parts = List.of(WHITESPACE.split(text.strip()));
                partSeparator = SPACE;
            }
            default -> {
                hardSplit(text.strip(), separator, out);
                return;
            }
        }
        if (parts.size() <= 1) {
            addUnits(text, separator, level + 1, out);
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            addUnits(parts.get(i), i == 0 ? separator : partSeparator, level + 1, out);
        }
    }

    static boolean isLineStructured(String block) {
        String[] lines = block.split("\n");
        if (lines.length < 2) {
            return false;
        }
        if (MarkdownSyntax.openFence(lines[0]) != null) {
            return true;
        }
        long structured = 0;
        for (String line : lines) {
            if (STRUCTURED_LINE.matcher(line).matches()) {
                structured++;
            }
        }
        return structured * 2 >= lines.length;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.stripTrailing());
            }
        }
        return lines;
    }

    static List<String> sentences(String text) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        iterator.setText(text);
        List<String> sentences = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    /**
     * Last resort for a single "word" above the limit (an encoded blob, say): the longest prefixes that fit, leaving
     * room for the overlap or a heading in the same chunk.
     */
    private void hardSplit(String text, String separator, List<Unit> out) {
        int budget = maxTokens - overlapTokens;
        int start = 0;
        String joiner = separator;
        while (start < text.length()) {
            int low = start + 1;
            int high = text.length();
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (tokens.count(text.substring(start, safeEnd(text, mid))) <= budget) {
                    low = mid;
                }
                else {
                    high = mid - 1;
                }
            }
            int end = safeEnd(text, low);
            if (end <= start) {
                end = Math.min(text.length(), start + Character.charCount(text.codePointAt(start)));
            }
            String piece = text.substring(start, end);
            int count = tokens.count(piece);
            if (count > 0) {
                out.add(new Unit(piece, joiner, count));
            }
            joiner = "";
            start = end;
        }
    }

    private static int safeEnd(String text, int end) {
        return end < text.length() && Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
    }

    private List<Piece> pack(List<Unit> units) {
        Deque<Unit> queue = new ArrayDeque<>(units);
        List<Piece> pieces = new ArrayList<>();
        List<Unit> carried = List.of();
        while (!queue.isEmpty()) {
            List<Unit> taken = new ArrayList<>();
            int sum = sum(carried);
            if (sum + queue.getFirst().tokens() > maxTokens) {
                carried = List.of();
                sum = 0;
            }
            while (!queue.isEmpty() && (taken.isEmpty() || sum + queue.getFirst().tokens() <= maxTokens)) {
                Unit next = queue.removeFirst();
                taken.add(next);
                sum += next.tokens();
            }
            // The sum assumes counts add up across whitespace (true for BERT tokenizers); verify it exactly.
            String text = join(carried, taken);
            int exact = tokens.count(text);
            while (exact > maxTokens && (taken.size() > 1 || !carried.isEmpty())) {
                if (taken.size() > 1) {
                    queue.addFirst(taken.removeLast());
                }
                else {
                    carried = List.of();
                }
                text = join(carried, taken);
                exact = tokens.count(text);
            }
            pieces.add(new Piece(text, exact));
            carried = overlap(taken);
        }
        return pieces;
    }

    /** The end of a piece, repeated at the start of the next: whole units when they fit, else trailing words. */
    private List<Unit> overlap(List<Unit> taken) {
        if (overlapTokens == 0 || taken.isEmpty()) {
            return List.of();
        }
        List<Unit> tail = new ArrayList<>();
        int sum = 0;
        for (int i = taken.size() - 1; i >= 0; i--) {
            Unit unit = taken.get(i);
            if (sum + unit.tokens() > overlapTokens) {
                break;
            }
            tail.addFirst(unit);
            sum += unit.tokens();
        }
        if (!tail.isEmpty()) {
            return tail;
        }
        // The last unit alone is too long: its last sentences, or failing that its last words.
        String last = taken.getLast().text();
        Unit sentences = tail(sentences(last));
        return sentences != null ? List.of(sentences) : Optional.ofNullable(tail(List.of(WHITESPACE.split(last.strip()))))
            .map(List::of)
            .orElse(List.of());
    }

    /** The longest run of trailing parts within the overlap, joined by spaces; null when not even one fits. */
    private @Nullable Unit tail(List<String> parts) {
        String text = "";
        int count = 0;
        for (int i = parts.size() - 1; i >= 0; i--) {
            String candidate = text.isEmpty() ? parts.get(i) : parts.get(i) + SPACE + text;
            int candidateCount = tokens.count(candidate);
            if (candidateCount > overlapTokens) {
                break;
            }
            text = candidate;
            count = candidateCount;
        }
        return count == 0 ? null : new Unit(text, SPACE, count);
    }

    private static int sum(List<Unit> units) {
        int sum = 0;
        for (Unit unit : units) {
            sum += unit.tokens();
        }
        return sum;
    }

    private static String join(List<Unit> carried, List<Unit> taken) {
        StringBuilder text = new StringBuilder();
        for (List<Unit> units : List.of(carried, taken)) {
            for (Unit unit : units) {
                if (!text.isEmpty()) {
                    text.append(unit.separator());
                }
                text.append(unit.text());
            }
        }
        return text.toString();
    }
}
