package org.supportrag.ingestion.chunking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** The few CommonMark rules the chunkers need: fenced code blocks and ATX headings. */
final class MarkdownSyntax {

    private static final Pattern FENCE_OPEN = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern CLOSING_HASHES = Pattern.compile("(^|[ \\t])#+$");
    private static final Pattern CUSTOM_ID = Pattern.compile("\\s*\\{#[^}]*}\\s*$");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private MarkdownSyntax() {
    }

    /** An open code fence: its character and length decide which line closes it. */
    record Fence(char marker, int length) {

        boolean closedBy(String line) {
            int i = indent(line);
            if (i > 3) {
                return false;
            }
            int run = 0;
            while (i + run < line.length() && line.charAt(i + run) == marker) {
                run++;
            }
            return run >= length && line.substring(i + run).isBlank();
        }
    }

    record Heading(int level, String text) {
    }

    static @Nullable Fence openFence(String line) {
        Matcher matcher = FENCE_OPEN.matcher(line);
        if (!matcher.matches()) {
            return null;
        }
        String run = matcher.group(1);
        // A backtick fence's info string cannot contain backticks (that is inline code instead).
        if (run.charAt(0) == '`' && matcher.group(2).indexOf('`') >= 0) {
            return null;
        }
        return new Fence(run.charAt(0), run.length());
    }

    static @Nullable Heading heading(String line) {
        int i = indent(line);
        if (i > 3) {
            return null;
        }
        int start = i;
        while (i < line.length() && line.charAt(i) == '#') {
            i++;
        }
        int level = i - start;
        if (level < 1 || level > 6) {
            return null;
        }
        // "#hashtag" is a paragraph, not a heading.
        if (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            return null;
        }
        String text = CLOSING_HASHES.matcher(line.substring(i).strip()).replaceFirst("").strip();
        return new Heading(level, plainText(text));
    }

    /** Heading text without inline markup, for section paths. */
    static String plainText(String markdown) {
        String text = CUSTOM_ID.matcher(markdown).replaceFirst("");
        text = LINK.matcher(text).replaceAll("$1");
        text = text.replace("`", "").replace("**", "").replace("__", "");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
