package org.supportrag.generation.cache;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a new question may reuse the answer to a cached one. High cosine similarity alone is not enough:
 * questions differing in one number ("after 30 days" / "after 10 days"), a negation ("can" / "can't") or one swapped
 * key word ("Pro plan" / "Business plan", "add" / "remove") embed almost identically but want other answers. So
 * besides the threshold, numbers and negation must agree, and when both questions share most key words but each has
 * words the other lacks (a "minimal pair"), the swapped words themselves must mean the same.
 */
final class QuestionMatcher {

    /** Why a candidate did or did not match, for metrics and tests. */
    enum Verdict {
        HIT, BELOW_THRESHOLD, NUMBERS_DIFFER, NEGATION_DIFFERS, KEY_TERMS_DIFFER
    }

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:[.,'’][\\p{L}\\p{N}]+)*");
    private static final Pattern DIGIT = Pattern.compile("\\p{N}");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "cannot", "can't", "won't", "don't",
            "doesn't", "didn't", "isn't", "aren't", "wasn't", "shouldn't", "couldn't", "without", "nothing", "none",
            "cant", "wont", "dont", "doesnt", "isnt", "arent");
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(Map.entry("zero", "0"),
            Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"),
            Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"),
            Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"), Map.entry("twelve", "12"),
            Map.entry("once", "1"), Map.entry("twice", "2"), Map.entry("single", "1"));
    // Function words and question scaffolding: rewording changes them freely.
    private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "i", "me", "my", "mine", "we", "us", "our",
            "you", "your", "yours", "it", "its", "they", "them", "their", "he", "she", "his", "her", "this", "that",
            "these", "those", "there", "here", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does",
            "did", "doing", "done", "have", "has", "had", "can", "could", "will", "would", "shall", "should", "may",
            "might", "must", "what", "whats", "what's", "which", "who", "whom", "whose", "when", "where", "why",
            "how", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "about", "as", "and",
            "or", "but", "if", "so", "than", "then", "too", "very", "just", "also", "any", "some", "much", "many",
            "please", "hi", "hello", "thanks", "thank", "way", "possible", "get", "got", "go", "make", "want",
            "need", "like", "know", "tell", "let", "able", "there's", "i'm", "i've", "im", "ive", "use", "using",
            "new", "someone", "else", "other", "someone's", "somebody", "one's", "long", "take", "takes", "it's");

    // Reworded the same way every time before comparing.
    private static final List<Map.Entry<Pattern, String>> PHRASES = List.of(
            Map.entry(Pattern.compile("\\b(?:turn|switch|set|put) (?:it |them )?on\\b"), "enable"),
            Map.entry(Pattern.compile("\\b(?:turn|switch|set) (?:it |them )?off\\b"), "disable"),
            Map.entry(Pattern.compile("\\b(?:log|sign) ?in\\b"), "login"),
            Map.entry(Pattern.compile("\\b(?:log|sign) ?out\\b"), "logout"),
            Map.entry(Pattern.compile("\\b2fa\\b"), "two factor authentication"),
            Map.entry(Pattern.compile("\\btwo-factor\\b"), "two factor"));
    // Words that embed alike but ask for opposite things; a question swapping one for the other never hits.
    private static final Set<Set<String>> OPPOSITES = Set.of(Set.of("enable", "disable"), Set.of("add", "remove"),
            Set.of("connect", "disconnect"), Set.of("minimum", "maximum"), Set.of("min", "max"),
            Set.of("increase", "decrease"), Set.of("upgrade", "downgrade"), Set.of("start", "stop"),
            Set.of("open", "close"), Set.of("lock", "unlock"), Set.of("include", "exclude"), Set.of("allow", "block"),
            Set.of("before", "after"), Set.of("under", "over"), Set.of("more", "less"), Set.of("above", "below"),
            Set.of("create", "delete"), Set.of("subscribe", "unsubscribe"), Set.of("activate", "deactivate"),
            Set.of("show", "hide"), Set.of("import", "export"), Set.of("send", "receive"), Set.of("login", "logout"),
            Set.of("first", "last"), Set.of("oldest", "newest"), Set.of("cheapest", "expensive"),
            Set.of("smallest", "largest"), Set.of("domestic", "international"), Set.of("pause", "cancel"),
            Set.of("incoming", "outgoing"), Set.of("free", "paid"));

    private final double threshold;
    private final double swapThreshold;
    private final BiFunction<String, String, Double> phraseSimilarity;

    /**
     * @param threshold least cosine similarity of the two questions
     * @param swapThreshold least similarity of the words swapped between minimal-pair questions
     * @param phraseSimilarity cosine similarity of two short phrases (the embedding model)
     */
    QuestionMatcher(double threshold, double swapThreshold, BiFunction<String, String, Double> phraseSimilarity) {
        this.threshold = threshold;
        this.swapThreshold = swapThreshold;
        this.phraseSimilarity = phraseSimilarity;
    }

    /** The exact-match key: case, width, punctuation and spacing do not matter. */
    static String normalize(String question) {
        String text = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('’', '\'');
        StringBuilder normalized = new StringBuilder();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            if (!normalized.isEmpty()) {
                normalized.append(' ');
            }
            normalized.append(token.group());
        }
        return normalized.toString();
    }

    Verdict match(String cached, String candidate, double cosine) {
        if (cosine < threshold) {
            return Verdict.BELOW_THRESHOLD;
        }
        Terms a = Terms.of(cached);
        Terms b = Terms.of(candidate);
        if (!a.numbers().equals(b.numbers())) {
            return Verdict.NUMBERS_DIFFER;
        }
        if (a.negated() != b.negated()) {
            return Verdict.NEGATION_DIFFERS;
        }
        Set<String> onlyA = new LinkedHashSet<>(a.keyTerms());
        onlyA.removeAll(b.keyTerms());
        Set<String> onlyB = new LinkedHashSet<>(b.keyTerms());
        onlyB.removeAll(a.keyTerms());
        if (opposite(onlyA, onlyB)) {
            return Verdict.KEY_TERMS_DIFFER;
        }
        if (!onlyA.isEmpty() && !onlyB.isEmpty()) {
            String swappedA = String.join(" ", a.surface(onlyA));
            String swappedB = String.join(" ", b.surface(onlyB));
            if (phraseSimilarity.apply(swappedA, swappedB) < swapThreshold) {
                return Verdict.KEY_TERMS_DIFFER;
            }
        }
        return Verdict.HIT;
    }

    private static boolean opposite(Set<String> onlyA, Set<String> onlyB) {
        for (String a : onlyA) {
            for (String b : onlyB) {
                if (OPPOSITES.contains(Set.of(a, b)) || a.equals("un" + b) || b.equals("un" + a)
                        || a.equals("dis" + b) || b.equals("dis" + a)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Numbers (digits or number words), whether the question is negated, and stemmed key words. */
    record Terms(Set<String> numbers, boolean negated, Set<String> keyTerms, Map<String, String> surfaceByStem) {

        static Terms of(String question) {
            String text = normalize(question);
            for (Map.Entry<Pattern, String> phrase : PHRASES) {
                text = phrase.getKey().matcher(text).replaceAll(phrase.getValue());
            }
            Set<String> numbers = new TreeSet<>();
            boolean negated = false;
            Set<String> keyTerms = new LinkedHashSet<>();
            Map<String, String> surface = new java.util.HashMap<>();
            for (String token : text.split(" ")) {
                if (token.isEmpty()) {
                    continue;
                }
                if (DIGIT.matcher(token).find()) {
                    numbers.add(token.replace(",", ""));
                }
                else if (NUMBER_WORDS.containsKey(token)) {
                    numbers.add(NUMBER_WORDS.get(token));
                }
                else if (NEGATIONS.contains(token) || token.endsWith("n't")) {
                    negated = true;
                }
                else if (!STOPWORDS.contains(token)) {
                    String stem = stem(token);
                    keyTerms.add(stem);
                    surface.putIfAbsent(stem, token);
                }
            }
            return new Terms(numbers, negated, keyTerms, surface);
        }

        List<String> surface(Set<String> stems) {
            return stems.stream().map(stem -> surfaceByStem.getOrDefault(stem, stem)).toList();
        }
    }

    /** A light suffix stripper: enough to equate "refunds"/"refund", "synced"/"sync", "printing"/"print". */
    static String stem(String word) {
        String stem = word.replace("'", "");
        for (String suffix : List.of("ing", "ed", "es", "s")) {
            if (stem.length() > suffix.length() + 3 && stem.endsWith(suffix) && !stem.endsWith("ss")) {
                stem = stem.substring(0, stem.length() - suffix.length());
                break;
            }
        }
        return stem;
    }
}
