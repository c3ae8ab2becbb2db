package org.supportrag.defaults.text;

/**
 * A light English suffix stripper (lower-case input): enough to equate "refunds"/"refund", "policies"/"policy",
 * "synced"/"sync", "printing"/"print", short words and "-ss" left alone. Retrieval's lexical terms and the claim
 * check of answers use the same one, so both sides of a comparison stem alike.
 */
public final class LightStemmer {

    private static final String[] SUFFIXES = { "ing", "ed", "es", "s" };

    private LightStemmer() {
    }

    public static String stem(String word) {
        if (word.length() > 5 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        for (String suffix : SUFFIXES) {
            if (word.length() > suffix.length() + 3 && word.endsWith(suffix) && !word.endsWith("ss")) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }
}
