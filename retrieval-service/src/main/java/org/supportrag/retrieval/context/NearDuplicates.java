package org.supportrag.retrieval.context;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.supportrag.retrieval.text.Terms;

/**
 * Drops items whose text is a near copy of a better-ranked item's (the same FAQ answer under two pages, overlapping
 * chunks, a document uploaded twice): Jaccard similarity of word 3-shingles at or above a threshold. Keeps the order.
 */
public final class NearDuplicates {

    private NearDuplicates() {
    }

    public static <T> List<T> suppress(List<T> ranked, Function<T, String> text, double threshold, int limit) {
        List<T> kept = new ArrayList<>();
        List<Set<String>> keptShingles = new ArrayList<>();
        for (T item : ranked) {
            if (kept.size() >= limit) {
                break;
            }
            Set<String> shingles = shingles(text.apply(item));
            boolean duplicate = threshold < 1 && keptShingles.stream()
                .anyMatch(other -> jaccard(shingles, other) >= threshold);
            if (!duplicate) {
                kept.add(item);
                keptShingles.add(shingles);
            }
        }
        return kept;
    }

    static Set<String> shingles(String text) {
        List<String> terms = Terms.of(text);
        Set<String> shingles = new HashSet<>();
        if (terms.size() < 3) {
            shingles.add(String.join(" ", terms));
            return shingles;
        }
        for (int i = 2; i < terms.size(); i++) {
            shingles.add(terms.get(i - 2) + ' ' + terms.get(i - 1) + ' ' + terms.get(i));
        }
        return shingles;
    }

    static double jaccard(Set<String> first, Set<String> second) {
        if (first.isEmpty() && second.isEmpty()) {
            return 1;
        }
        int shared = 0;
        for (String shingle : first) {
            if (second.contains(shingle)) {
                shared++;
            }
        }
        return (double) shared / (first.size() + second.size() - shared);
    }
}
