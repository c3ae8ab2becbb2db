package org.supportrag.generation.guardrail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs of {@value #SIZE} consecutive words, to recognise text copied from the system prompt. */
final class Shingles {

    static final int SIZE = 8;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private Shingles() {
    }

    /** Shingles of an already normalised (lower-case) text. */
    static Set<String> of(String normalized) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(normalized);
        while (word.find()) {
            words.add(word.group());
        }
        Set<String> shingles = new HashSet<>();
        for (int i = 0; i + SIZE <= words.size(); i++) {
            shingles.add(String.join(" ", words.subList(i, i + SIZE)));
        }
        return shingles;
    }
}
