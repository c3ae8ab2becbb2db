package org.supportrag.retrieval.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.supportrag.defaults.text.LightStemmer;

/**
 * Content words of a text for in-process comparisons (reranking, compression, rewriting, duplicates): lower-cased
 * letter/digit runs, English stop words dropped, a light suffix stripping so "refunds" meets "refund". Not a
 * linguistic stemmer; PostgreSQL's configurations do the real full-text work.
 */
public final class Terms {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private static final Set<String> STOP_WORDS = Set.of("a", "about", "after", "all", "also", "am", "an", "and",
            "any", "are", "as", "at", "be", "been", "before", "being", "but", "by", "can", "could", "did", "do",
            "does", "doing", "for", "from", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
            "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no",
            "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own",
            "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then",
            "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
            "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
            "you", "your", "yours", "yourself", "yes", "s", "t", "don", "doesn", "isn", "aren", "wasn", "weren", "won",
            "please", "thanks", "thank", "hi", "hello", "ok", "okay", "tell", "know", "want", "need", "get", "still");

    private Terms() {
    }

    /** Content words in order, with repetitions. */
    public static List<String> of(String text) {
        List<String> terms = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (!STOP_WORDS.contains(word)) {
                terms.add(LightStemmer.stem(word));
            }
        }
        return terms;
    }

    /** Distinct content words, in order of first occurrence. */
    public static Set<String> distinct(String text) {
        return new LinkedHashSet<>(of(text));
    }

    public static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }
}
