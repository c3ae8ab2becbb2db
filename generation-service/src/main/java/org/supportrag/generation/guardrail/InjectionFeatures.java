package org.supportrag.generation.guardrail;

import java.util.Arrays;

/**
 * Hashed features of a normalised text ({@link InjectionText}): character 2- to 5-grams across word boundaries
 * (they carry the meaning of inflected German, Spanish and French words a word list would miss) plus word unigrams
 * and bigrams, and the word that opens each sentence, alone and with a following comma or colon. The opening word
 * tells a sentence addressed to the model ("Assistant, ignore...", "Ignoriere...") from one describing it ("The
 * assistant answers..."); the classifier learns which openings matter. Counts are log-scaled and the vector is
 * L2-normalised, so a long text and a short one score alike.
 */
final class InjectionFeatures {

    static final int BITS = 18;
    static final int DIMENSIONS = 1 << BITS;
    private static final int MASK = DIMENSIONS - 1;
    // 2-grams too: on the validation part they raised typed recall (0.91 to 0.95) at the same false-positive rate.
    private static final int MIN_GRAM = 2;
    private static final int MAX_GRAM = 5;

    /** A sparse vector: distinct indices in ascending order and their values. */
    record Vector(int[] indices, float[] values) {
    }

    private InjectionFeatures() {
    }

    static Vector of(String normalized) {
        String padded = " " + normalized + " ";
        int[] hashes = new int[Math.max(16, padded.length() * (MAX_GRAM - MIN_GRAM + 1) + padded.length() * 4)];
        int count = 0;
        for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
            for (int i = 0; i + n <= padded.length(); i++) {
                hashes[count++] = hash(padded, i, i + n, n) & MASK;
            }
        }
        int previousStart = -1;
        int previousEnd = -1;
        int start = -1;
        for (int i = 0; i <= normalized.length(); i++) {
            boolean letter = i < normalized.length() && Character.isLetterOrDigit(normalized.charAt(i));
            if (letter && start < 0) {
                start = i;
            }
            else if (!letter && start >= 0) {
                hashes[count++] = hash(normalized, start, i, 101) & MASK;
                if (opensSentence(normalized, start)) {
                    hashes[count++] = hash(normalized, start, i, 401) & MASK;
                    if (i < normalized.length() && (normalized.charAt(i) == ',' || normalized.charAt(i) == ':')) {
                        hashes[count++] = hash(normalized, start, i + 1, 409) & MASK;
                    }
                }
                if (previousStart >= 0) {
                    hashes[count++] = (hash(normalized, previousStart, previousEnd, 211) * 31
                            + hash(normalized, start, i, 307)) & MASK;
                }
                previousStart = start;
                previousEnd = i;
                start = -1;
            }
        }
        Arrays.sort(hashes, 0, count);
        int[] indices = new int[count];
        float[] values = new float[count];
        int distinct = 0;
        double norm = 0;
        for (int i = 0; i < count;) {
            int j = i;
            while (j < count && hashes[j] == hashes[i]) {
                j++;
            }
            float value = (float) (1 + Math.log(j - i));
            indices[distinct] = hashes[i];
            values[distinct++] = value;
            norm += value * value;
            i = j;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < distinct; i++) {
            values[i] *= scale;
        }
        return new Vector(Arrays.copyOf(indices, distinct), Arrays.copyOf(values, distinct));
    }

    /** Whether the word at {@code start} is the first of the text or follows a sentence end (or a colon). */
    private static boolean opensSentence(String text, int start) {
        int i = start - 1;
        while (i >= 0 && !Character.isLetterOrDigit(text.charAt(i))) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '\n') {
                return true;
            }
            i--;
        }
        return i < 0;
    }

    /** FNV-1a over the characters, seeded per feature family, then mixed (murmur3 finaliser). */
    private static int hash(String text, int from, int to, int seed) {
        int h = 0x811C9DC5 ^ seed;
        for (int i = from; i < to; i++) {
            h ^= text.charAt(i);
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
