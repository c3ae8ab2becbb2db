package org.supportrag.eval.answers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Offline approximation of Ragas' faithfulness (supported claims / all claims) without a judge. Each sentence of the
 * answer with at least {@value #MIN_CONTENT_WORDS} content words is a claim. A claim is supported when
 * <ul>
 * <li>at least {@value #COVERAGE} of its content words occur in the text of the citations it cites (all of the
 * answer's citations when the sentence cites none),</li>
 * <li>every number in it occurs there too, and</li>
 * <li>it is negated exactly when the supporting sentence that shares most words with it is.</li>
 * </ul>
 * Words are compared lower-cased with a plural "s" dropped; stop words (English and German) are not content.
 */
public final class Faithfulness {

    /** Share of a claim's content words the cited text must contain. */
    public static final double COVERAGE = 0.6;

    /** Sentences with fewer content words are not claims (greetings, "Hope this helps."). */
    public static final int MIN_CONTENT_WORDS = 2;

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern TOKEN = Pattern.compile("\\p{N}+(?:[.,:]\\p{N}+)*|\\p{L}[\\p{L}\\p{N}'’]*");
    private static final Pattern NUMBER = Pattern.compile("\\p{N}+(?:[.,:]\\p{N}+)*");

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "cannot", "can't", "won't", "don't",
            "doesn't", "isn't", "aren't", "wasn't", "weren't", "didn't", "shouldn't", "couldn't", "mustn't", "none",
            "nor", "without", "can’t", "won’t", "don’t", "doesn’t", "isn’t", "aren’t", "didn’t", "nicht", "kein",
            "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "ohne", "nichts");

    private static final Set<String> STOP_WORDS = words(
            // English
            "the", "and", "for", "are", "but", "was", "were", "you", "your", "yours", "our", "ours", "they", "them",
            "their", "this", "that", "these", "those", "with", "from", "into", "onto", "about", "can", "could",
            "will", "would", "shall", "should", "may", "might", "must", "has", "have", "had", "having", "does", "did",
            "doing", "been", "being", "its", "it's", "also", "then", "than", "there", "here", "what", "which", "who",
            "whom", "when", "where", "why", "how", "all", "any", "each", "some", "such", "only", "own", "same", "very",
            "just", "more", "most", "other", "over", "under", "again", "once", "out", "off", "yes", "please", "via",
            "per", "one", "get", "use", "let", "able", "like", "see", "need", "want", "help", "hope", "sure",
            "center", "article", "support", "team",
            // German
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und",
            "oder", "aber", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben",
            "hatte", "mit", "von", "vom", "zum", "zur", "bei", "für", "auf", "aus", "nach", "über", "unter", "sie",
            "ihr", "ihre", "ihren", "ihrem", "wir", "uns", "unser", "unsere", "sich", "auch", "dann", "als", "wie",
            "was", "wer", "wann", "dass", "können", "kann", "muss", "müssen", "bitte", "hier", "dort", "noch", "nur",
            "schon", "sehr", "mehr");

    private Faithfulness() {
    }

    /** A set that tolerates a word listed in both languages. */
    private static Set<String> words(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    /** One claim and whether the cited text supports it. */
    public record Claim(String sentence, boolean supported) {
    }

    /** The claims of an answer; {@link #score()} is null when it makes none. */
    public record Result(List<Claim> claims) {

        public Result {
            claims = List.copyOf(claims);
        }

        public int supported() {
            return (int) claims.stream().filter(Claim::supported).count();
        }

        public @Nullable Double score() {
            return claims.isEmpty() ? null : (double) supported() / claims.size();
        }
    }

    public static Result assess(String answer, List<AnswerCitation> citations) {
        List<Claim> claims = new ArrayList<>();
        for (String raw : SENTENCE_END.split(answer)) {
            Set<Integer> cited = new LinkedHashSet<>();
            Matcher marker = MARKER.matcher(raw);
            while (marker.find()) {
                cited.add(Integer.parseInt(marker.group(1)));
            }
            String sentence = MARKER.matcher(raw).replaceAll(" ").strip();
            List<String> words = contentWords(sentence);
            if (words.size() < MIN_CONTENT_WORDS) {
                continue;
            }
            StringBuilder support = new StringBuilder();
            for (AnswerCitation citation : citations) {
                if (cited.isEmpty() || cited.contains(citation.index())) {
                    support.append(citation.title()).append(". ").append(citation.snippet()).append('\n');
                }
            }
            claims.add(new Claim(sentence, supported(sentence, words, support.toString())));
        }
        return new Result(claims);
    }

    static boolean supported(String sentence, List<String> words, String support) {
        if (support.isBlank()) {
            return false;
        }
        Set<String> supportWords = new HashSet<>(contentWords(support));
        long covered = words.stream().filter(supportWords::contains).count();
        if ((double) covered / words.size() < COVERAGE) {
            return false;
        }
        Set<String> supportNumbers = numbers(support);
        if (!supportNumbers.containsAll(numbers(sentence))) {
            return false;
        }
        return negated(sentence) == negated(closestSentence(words, support));
    }

    private static String closestSentence(List<String> words, String support) {
        String best = "";
        long bestOverlap = -1;
        for (String candidate : SENTENCE_END.split(support)) {
            Set<String> candidateWords = new HashSet<>(contentWords(candidate));
            long overlap = words.stream().filter(candidateWords::contains).count();
            if (overlap > bestOverlap) {
                best = candidate;
                bestOverlap = overlap;
            }
        }
        return best;
    }

    static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        Matcher token = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (token.find()) {
            String word = token.group();
            if (NUMBER.matcher(word).matches()) {
                words.add(normalizeNumber(word));
            }
            else if (word.length() >= 3 && !STOP_WORDS.contains(word) && !NEGATIONS.contains(word)) {
                words.add(stem(word));
            }
        }
        return words;
    }

    private static Set<String> numbers(String text) {
        Set<String> numbers = new HashSet<>();
        Matcher number = NUMBER.matcher(text);
        while (number.find()) {
            numbers.add(normalizeNumber(number.group()));
        }
        return numbers;
    }

    private static boolean negated(String text) {
        Matcher token = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (token.find()) {
            String word = token.group();
            if (NEGATIONS.contains(word) || word.endsWith("n't") || word.endsWith("n’t")) {
                return true;
            }
        }
        return false;
    }

    /** "1,000" and "1000" are the same number; "2.5" keeps its decimal point. */
    private static String normalizeNumber(String number) {
        return number.matches("\\d{1,3}(,\\d{3})+") ? number.replace(",", "") : number.replace(',', '.');
    }

    private static String stem(String word) {
        String stripped = word.replaceAll("['’]s$", "");
        if (stripped.length() > 4 && stripped.endsWith("s") && !stripped.endsWith("ss")) {
            return stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
