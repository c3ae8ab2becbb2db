package org.supportrag.generation.confidence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.supportrag.contracts.retrieval.v1.QueryTerm;

/**
 * Content terms of a text and how much each one says. Term weights are inverse document frequencies from a shipped
 * reference table ({@code confidence/term-idf.tsv}, general help and science text, see {@code AnswerabilityTrainer}),
 * so "coverage" means the same for every tenant: a word the table does not know is rare, hence informative.
 */
public final class Terms {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.copyOf(List.of("the", "a", "an", "and", "or", "but", "if", "of", "to", "in",
            "on", "at", "for", "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it",
            "its", "this", "that", "these", "those", "you", "your", "yours", "we", "our", "ours", "us", "i", "me",
            "my", "they", "them", "their", "he", "she", "his", "her", "can", "could", "will", "would", "should",
            "may", "might", "must", "do", "does", "did", "have", "has", "had", "so", "than", "then", "there", "here",
            "what", "which", "who", "whom", "when", "where", "how", "why", "all", "any", "some", "also", "just",
            "about", "into", "out", "up", "over", "after", "before", "more", "most", "very", "too", "please", "get",
            "go", "there", "much", "many", "long", "often", "need", "want", "like", "know", "tell", "let", "way",
            "possible", "still", "ever", "anyone", "someone", "thing", "things", "make", "use", "using", "one",
            // German question words and function words
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "und", "oder", "ist", "sind",
            "ich", "mein", "meine", "meinen", "wie", "was", "wann", "wo", "welche", "welcher", "welches", "kann",
            "können", "mit", "für", "von", "zu", "im", "in", "auf", "es", "sie", "wir", "ihr", "bei", "lange", "viel"));
    /** Chat words that say nothing about the topic. */
    private static final Set<String> CHAT = Set.of("pl", "pls", "plz", "thank", "thanks", "thx", "hi", "hello", "hey",
            "guy", "ok", "okay", "hallo", "danke", "bitte", "eigentlich", "actually", "really", "anything", "something",
            "again", "jetzt", "schon", "mal", "noch", "al", "ja");
    /** Below this share of the query's words in the knowledge base, the question is in another language. */
    private static final double MIN_KNOWN_SHARE = 0.25;
    /** From this share of a question's words dropped by retrieval as stop words, it is in the knowledge base's language. */
    private static final double MIN_DROPPED_SHARE = 0.3;
    /** What precedes the first word of a sentence: nothing, or an end mark, maybe quotes or brackets. */
    private static final Pattern SENTENCE_START = Pattern.compile("(?:^|[.!?:;\\n])[\\s\"'(\\[]*$");
    private static volatile Map<String, Double> idf = Map.of();
    private static volatile double unknownIdf;

    static {
        Map<String, Double> idf = new HashMap<>();
        try (InputStream in = Terms.class.getResourceAsStream("/confidence/term-idf.tsv")) {
            if (in != null) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int tab = line.indexOf('\t');
                    if (tab > 0 && !line.startsWith("#")) {
                        idf.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1)));
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        use(idf);
    }

    private Terms() {
    }

    /** Replaces the reference table (the trainer computes a new one before fitting with it). */
    static void use(Map<String, Double> table) {
        idf = Map.copyOf(table);
        unknownIdf = table.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    }

    /** Distinct stemmed content words, in order of appearance. */
    public static List<String> content(String text) {
        return new ArrayList<>(stems(text, STOP, new LinkedHashSet<>()));
    }

    /** Adds the stems of the text's lower-cased words of two or more characters that {@code stop} does not hold. */
    static <C extends Collection<String>> C stems(String text, Set<String> stop, C into) {
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find()) {
            String w = word.group();
            if (w.length() >= 2 && !stop.contains(w)) {
                into.add(stem(w));
            }
        }
        return into;
    }

    /** Whether a lower-case word is a stop word (says nothing about the topic). */
    public static boolean isStopWord(String word) {
        return STOP.contains(word);
    }

    /** All stemmed words (stop words included), for matching against. */
    public static Set<String> all(String text) {
        Set<String> terms = new java.util.HashSet<>();
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find()) {
            terms.add(stem(word.group()));
        }
        return terms;
    }

    /** Inverse document frequency of a stemmed term in the reference table; unknown terms count as rare. */
    public static double idf(String term) {
        return idf.getOrDefault(term, unknownIdf);
    }

    /** Whether the reference table was found (it ships with the service). */
    static boolean hasTable() {
        return !idf.isEmpty();
    }

    /** IDF-weighted share of {@code terms} found in {@code found}; 0 when there are no terms. */
    public static double coverage(Collection<String> terms, Set<String> found) {
        double total = 0;
        double covered = 0;
        for (String term : terms) {
            double weight = idf(term);
            total += weight;
            if (found.contains(term)) {
                covered += weight;
            }
        }
        return total == 0 ? 0 : covered / total;
    }

    /**
     * How rare (idf relative to the rarest, 0..1) the rarest of {@code terms} is that {@code found} lacks: a question
     * naming something specific ("Magento", "lithium") that no retrieved text mentions is likely not answered there.
     */
    public static double rarestMissing(Collection<String> terms, Set<String> found) {
        double rarest = 0;
        for (String term : terms) {
            if (!found.contains(term) && !CHAT.contains(term) && !term.chars().allMatch(Character::isDigit)) {
                rarest = Math.max(rarest, idf(term) / unknownIdf);
            }
        }
        return rarest;
    }

    /**
     * 1 when the question names something (a word written like a name: "Magento", "GraphQL", "SDK", a capital
     * mid-sentence) that no chunk of the knowledge base contains, else 0; also 0 when the question is in another
     * language than the knowledge base (whose nouns may all be capitalized: nothing is learnt, see
     * {@link #sameLanguage}) or retrieval did not say ({@code terms} empty).
     */
    public static double namesAbsent(String question, List<QueryTerm> terms) {
        if (!sameLanguage(question, terms)) {
            return 0;
        }
        for (QueryTerm term : terms) {
            if (!term.inKnowledgeBase() && writtenLikeAName(question, term.word())) {
                return 1;
            }
        }
        return 0;
    }

    /**
     * The IDF-weighted share (reference table) of the question's content words that no chunk of the knowledge base
     * contains: "Does Parcelly integrate with prestashop?" leans on a word the knowledge base never uses, written in
     * any case. An everyday word the knowledge base happens to lack weighs little. 0 when retrieval did not say or
     * the question is in another language than the knowledge base.
     */
    public static double absentShare(String question, List<QueryTerm> terms) {
        if (!sameLanguage(question, terms)) {
            return 0;
        }
        double total = 0;
        double absent = 0;
        for (QueryTerm term : terms) {
            String stem = informative(term.word());
            if (stem == null) {
                continue;
            }
            double weight = idf(stem);
            total += weight;
            if (!term.inKnowledgeBase()) {
                absent += weight;
            }
        }
        return total == 0 ? 0 : absent / total;
    }

    /**
     * How rare (reference IDF relative to the rarest, 0..1) the rarest query word is that no chunk of the knowledge
     * base contains; 0 when there is none, retrieval did not say, or the question is in another language.
     */
    public static double rarestAbsent(String question, List<QueryTerm> terms) {
        if (!sameLanguage(question, terms)) {
            return 0;
        }
        double rarest = 0;
        for (QueryTerm term : terms) {
            String stem = informative(term.word());
            if (stem != null && !term.inKnowledgeBase()) {
                rarest = Math.max(rarest, idf(stem) / unknownIdf);
            }
        }
        return rarest;
    }

    /** The stem of a query word that says something about the topic, {@code null} for stop, chat and number words. */
    private static @org.jspecify.annotations.Nullable String informative(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.length() < 2 || STOP.contains(lower) || CHAT.contains(lower)
                || lower.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return stem(lower);
    }

    /**
     * Whether the question is in the knowledge base's language: retrieval dropped a good share of its words as that
     * language's stop words ("is", "there", "a" in "Is there a Salesforce connector?", whose other words the knowledge
     * base may all lack), or the knowledge base contains at least a quarter of the searched words. A German question
     * against an English knowledge base keeps its function words ("für", "ein") as searched words, most of them unknown.
     */
    static boolean sameLanguage(String question, List<QueryTerm> terms) {
        if (terms.isEmpty()) {
            return false;
        }
        Set<String> searched = new java.util.HashSet<>();
        terms.forEach(term -> searched.add(term.word().toLowerCase(Locale.ROOT)));
        int words = 0;
        int dropped = 0;
        Matcher word = WORD.matcher(question.toLowerCase(Locale.ROOT));
        while (word.find()) {
            if (word.group().chars().allMatch(Character::isDigit)) {
                continue;
            }
            words++;
            dropped += searched.contains(word.group()) ? 0 : 1;
        }
        long known = terms.stream().filter(QueryTerm::inKnowledgeBase).count();
        return words > 0 && dropped >= MIN_DROPPED_SHARE * words || known >= MIN_KNOWN_SHARE * terms.size();
    }

    /** An inner capital or digit after letters (iPad, GraphQL, SDK, CO2), or a capital not opening a sentence. */
    static boolean writtenLikeAName(String text, String word) {
        if (word.length() < 2 || CHAT.contains(word.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (word.substring(1).chars().anyMatch(Character::isUpperCase)) {
            return true;
        }
        if (!Character.isUpperCase(word.charAt(0))) {
            return false;
        }
        Matcher occurrence = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])")
            .matcher(text);
        while (occurrence.find()) {
            if (!SENTENCE_START.matcher(text.substring(0, occurrence.start())).find()) {
                return true;
            }
        }
        return false;
    }

    /** Crude suffix stripping: "refunded", "refundable" and "refunds" all become "refund". */
    public static String stem(String word) {
        for (String suffix : new String[] { "ational", "ability", "ations", "ation", "ingly", "able", "ible", "ment",
                "ness", "ing", "ies", "ied", "ed", "es", "ly", "s" }) {
            if (word.length() > suffix.length() + 3 && word.endsWith(suffix)) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }
}
