package org.supportrag.generation.confidence;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code [n]} and {@code [1, 3]} citation markers of an answer: one grammar for every reader of them. */
public final class Citations {

    /** One marker; group 1 holds its comma-separated chunk numbers. */
    public static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private Citations() {
    }

    /** The chunk numbers a text cites, in order of first appearance; numbers naming no chunk are left out. */
    public static Set<Integer> cited(CharSequence text, int contextSize) {
        Set<Integer> cited = new LinkedHashSet<>();
        Matcher marker = MARKER.matcher(text);
        while (marker.find()) {
            cited.addAll(numbers(marker, contextSize));
        }
        return cited;
    }

    /** The chunk numbers of the marker {@code marker} just found, in order; numbers naming no chunk are left out. */
    public static Set<Integer> numbers(Matcher marker, int contextSize) {
        Set<Integer> numbers = new LinkedHashSet<>();
        Matcher number = NUMBER.matcher(marker.group(1));
        while (number.find()) {
            int index = Integer.parseInt(number.group());
            if (index >= 1 && index <= contextSize) {
                numbers.add(index);
            }
        }
        return numbers;
    }
}
