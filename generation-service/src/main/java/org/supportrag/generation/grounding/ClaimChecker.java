package org.supportrag.generation.grounding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.text.LightStemmer;

/**
 * Checks each sentence of an answer against the chunks it cites ({@code [n]}): it must share most of its content
 * words with them, and it must not contradict the sentence that supports it best. Compared besides the words:
 * negations (a word negated in one and not in the other: "refundable" against "not refundable"), numbers with their
 * units ("30 days" is not "30 minutes"; "five" is 5), dates, and named things (carriers, plans, codes: "UPS" is not
 * "USPS"). An uncited sentence is checked against every chunk, and only when it states a number or names a thing;
 * otherwise it is connective text ("Here is how:"), not a claim. Stateless and thread-safe.
 */
final class ClaimChecker {

    private static final Pattern SENTENCE = Pattern.compile(
            "[^.!?\\n]+(?:[.!?]+[\"')\\]]*(?:\\s?\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*])*|$)");
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");
    private static final Pattern DECIMAL_POINT = Pattern.compile("(\\d)\\.(\\d)");
    private static final String POINT = "\u2024";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    private static final Pattern NUMBER = Pattern.compile(
            "(\\d{1,3}(?:,\\d{3})+|\\d+)(?:[.\u2024](\\d+))?(?:\\s?(%|percent|[\\p{L}]+(?:\\s[\\p{L}]+)?))?");
    private static final Pattern NAMED = Pattern.compile("\\b(?:[A-Z][\\p{L}\\d]*[A-Z\\d][\\p{L}\\d]*|[A-Z][\\p{Ll}]+)\\b");
    private static final int MIN_CLAIM_WORDS = 3;

    private static final Set<String> STOP = words("the", "a", "an", "and", "or", "but", "if", "of", "to", "in", "on",
            "at", "for", "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its",
            "this", "that", "these", "those", "you", "your", "yours", "we", "our", "ours", "us", "i", "me", "my",
            "they", "them", "their", "he", "she", "his", "her", "can", "could", "will", "would", "should", "may",
            "might", "must", "do", "does", "did", "have", "has", "had", "so", "than", "then", "there", "here", "what",
            "which", "who", "when", "where", "how", "why", "all", "any", "some", "also", "just", "about", "into",
            "out", "up", "over", "after", "before", "more", "most", "very", "too", "please", "yes", "get", "go", "once",
            "each", "every", "only", "both", "again", "der", "die", "das", "und", "oder", "ist", "sind", "ein", "eine",
            "einen", "mit", "von", "zu", "im", "in", "auf", "für", "fur", "sie", "ihr", "ihre", "es", "wird", "werden",
            "kann", "können", "den", "dem", "des");
    private static final Set<String> NEGATIONS = words("not", "no", "never", "cannot", "without", "none", "nothing",
            "nobody", "neither", "nor", "non", "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie",
            "niemals", "ohne");
    /** How many content words after a negation it covers ("not [fully] refundable"). */
    private static final int NEGATION_SCOPE = 3;
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("hundred", 100), Map.entry("zwei", 2), Map.entry("drei", 3),
            Map.entry("vier", 4), Map.entry("fünf", 5), Map.entry("sechs", 6), Map.entry("sieben", 7),
            Map.entry("acht", 8), Map.entry("zehn", 10), Map.entry("zwölf", 12), Map.entry("dreißig", 30));
    private static final Map<String, String> UNITS = units();

    private final double minCoverage;

    private static Set<String> words(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    /** @param minCoverage the share of a claim's content words its cited chunks must contain */
    public ClaimChecker(double minCoverage) {
        this.minCoverage = minCoverage;
    }

    /** Checks every claim of {@code answer}; {@code context} are the chunks in citation order. */
    public Groundedness check(String answer, List<SearchHit> context) {
        return check(answer, context, List.of());
    }

    /**
     * Like {@link #check(String, List)}, where a claim's words, numbers and names may also come from
     * {@code alsoKnown}: what the customer said and their account data (an order number from the CRM is no
     * invention). Negations are compared with the cited chunk only.
     */
    public Groundedness check(String answer, List<SearchHit> context, List<String> alsoKnown) {
        String known = String.join("\n", alsoKnown);
        if (context.isEmpty()) {
            return Groundedness.NONE;
        }
        List<Claim> claims = new ArrayList<>();
        Matcher sentences = SENTENCE.matcher(DECIMAL_POINT.matcher(answer).replaceAll("$1" + POINT + "$2"));
        while (sentences.find()) {
            String sentence = sentences.group().strip();
            if (sentence.isEmpty() || sentence.endsWith("?")) {
                continue;
            }
            List<Integer> cited = cited(sentence, context.size());
            String text = MARKER.matcher(sentence).replaceAll(" ");
            List<String> words = contentWords(text);
            if (words.size() < MIN_CLAIM_WORDS) {
                continue;
            }
            Set<String> numbers = numbers(text).keySet();
            Set<String> named = named(text);
            if (cited.isEmpty() && numbers.isEmpty() && named.isEmpty()) {
                continue;
            }
            List<SearchHit> sources = cited.isEmpty() ? context
                    : cited.stream().map(index -> context.get(index - 1)).toList();
            String reason = null;
            for (SearchHit source : sources) {
                reason = reason(text, words, source, known);
                if (reason == null) {
                    break;
                }
            }
            claims.add(new Claim(sentence.replace(POINT, "."), cited, reason));
        }
        return new Groundedness(claims);
    }

    /** Why {@code claim} is not supported by {@code source}; null when it is. */
    @Nullable String reason(String claim, List<String> claimWords, SearchHit source, String known) {
        String chunkText = DECIMAL_POINT.matcher(source.title() + ". "
                + (source.sectionPath() == null ? "" : source.sectionPath() + ". ") + source.text())
            .replaceAll("$1" + POINT + "$2");
        String sourceText = known.isEmpty() ? chunkText
                : chunkText + "\n" + DECIMAL_POINT.matcher(known).replaceAll("$1" + POINT + "$2");
        Set<String> sourceTerms = new LinkedHashSet<>(stems(contentWords(sourceText)));
        Set<String> claimTerms = new LinkedHashSet<>(stems(claimWords));
        long covered = claimTerms.stream().filter(sourceTerms::contains).count();
        String best = bestSentence(chunkText, claimTerms);
        if (contradictsNegation(claim, best, claimTerms)) {
            return Claim.NEGATION;
        }
        Map<String, Set<String>> sourceNumbers = numbers(sourceText);
        for (Map.Entry<String, Set<String>> number : numbers(claim).entrySet()) {
            Set<String> units = sourceNumbers.get(number.getKey());
            if (units == null) {
                return Claim.NUMBER;
            }
            // "30 days" against "30 minutes": both have units and none agrees.
            if (!number.getValue().isEmpty() && !units.isEmpty()
                    && number.getValue().stream().noneMatch(units::contains)) {
                return Claim.NUMBER;
            }
        }
        String lowerSource = sourceText.toLowerCase(Locale.ROOT);
        for (String name : named(claim)) {
            if (!Pattern.compile("\\b" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "\\b").matcher(lowerSource)
                .find()) {
                return Claim.NAMED;
            }
        }
        return claimTerms.isEmpty() || (double) covered / claimTerms.size() >= minCoverage ? null : Claim.COVERAGE;
    }

    /** The source sentence sharing the most terms with the claim. */
    private static String bestSentence(String source, Set<String> claimTerms) {
        String best = "";
        long bestOverlap = -1;
        Matcher sentences = SENTENCE.matcher(source);
        while (sentences.find()) {
            String sentence = sentences.group();
            long overlap = stems(contentWords(sentence)).stream().distinct().filter(claimTerms::contains).count();
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = sentence;
            }
        }
        return best;
    }

    /**
     * Whether a term both sentences use is negated in one and not in the other. A term counts as negated in a
     * sentence when every occurrence falls within a negation's scope.
     */
    static boolean contradictsNegation(String claim, String source, Set<String> claimTerms) {
        Map<String, Boolean> claimNegated = negated(claim);
        Map<String, Boolean> sourceNegated = negated(source);
        for (String term : claimTerms) {
            Boolean inClaim = claimNegated.get(term);
            Boolean inSource = sourceNegated.get(term);
            if (inClaim != null && inSource != null && !inClaim.equals(inSource)) {
                return true;
            }
        }
        return false;
    }

    /** Each content term of the sentence: whether all its occurrences are negated. */
    private static Map<String, Boolean> negated(String sentence) {
        Map<String, Boolean> result = new HashMap<>();
        int scope = 0;
        Matcher words = WORD.matcher(sentence.toLowerCase(Locale.ROOT).replace('’', '\''));
        while (words.find()) {
            String word = words.group();
            if (NEGATIONS.contains(word) || word.endsWith("n't")) {
                scope = NEGATION_SCOPE;
                continue;
            }
            if (STOP.contains(word)) {
                continue;
            }
            String term = LightStemmer.stem(word);
            boolean inScope = scope > 0;
            result.merge(term, inScope, Boolean::logicalAnd);
            scope = Math.max(0, scope - 1);
        }
        return result;
    }

    /** Each number (digits, or a number word) with the canonical units it is stated in (empty: none). */
    static Map<String, Set<String>> numbers(String text) {
        Map<String, Set<String>> numbers = new HashMap<>();
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher words = WORD.matcher(lower);
        StringBuilder spelled = new StringBuilder();
        while (words.find()) {
            Integer value = NUMBER_WORDS.get(words.group());
            spelled.append(value == null ? words.group() : value.toString()).append(' ');
        }
        for (String candidate : List.of(lower, spelled.toString())) {
            Matcher matcher = NUMBER.matcher(candidate);
            while (matcher.find()) {
                String value = matcher.group(1).replace(",", "")
                        + (matcher.group(2) == null ? "" : "." + matcher.group(2));
                Set<String> units = numbers.computeIfAbsent(value.replaceFirst("^0+(?=\\d)", ""),
                        key -> new LinkedHashSet<>());
                String unit = unit(matcher.group(3));
                if (unit != null) {
                    units.add(unit);
                }
                int start = matcher.start();
                // "$49", "€ 5": the currency before the number is its unit.
                if (start > 0 && "$€£".indexOf(candidate.charAt(start - 1)) >= 0) {
                    String symbol = String.valueOf(candidate.charAt(start - 1));
                    units.add(UNITS.getOrDefault(symbol, symbol));
                }
            }
        }
        return numbers;
    }

    private static @Nullable String unit(@Nullable String following) {
        if (following == null) {
            return null;
        }
        String[] parts = following.split("\\s");
        // "business days" and "days": the last word decides; "5 labels": not a unit at all.
        for (String part : new String[] { following, parts[0], parts[parts.length - 1] }) {
            String unit = UNITS.get(part);
            if (unit != null) {
                return unit;
            }
        }
        return null;
    }

    /** Named things: capitalized words not opening the sentence, and codes like USPS, CN22, 2FA. */
    static Set<String> named(String sentence) {
        Set<String> named = new LinkedHashSet<>();
        String text = sentence.strip();
        Matcher matcher = NAMED.matcher(text);
        while (matcher.find()) {
            String word = matcher.group();
            boolean opening = text.substring(0, matcher.start()).strip().isEmpty()
                    || text.substring(0, matcher.start()).strip().matches(".*[:.!?*\\-•]$");
            boolean code = word.chars().filter(Character::isUpperCase).count() > 1
                    || word.chars().anyMatch(Character::isDigit);
            if (code || !opening && !STOP.contains(word.toLowerCase(Locale.ROOT)) && !word.equals("I")) {
                named.add(word);
            }
        }
        return named;
    }

    private static List<Integer> cited(String sentence, int contextSize) {
        List<Integer> cited = new ArrayList<>();
        Matcher markers = MARKER.matcher(sentence);
        while (markers.find()) {
            for (String number : markers.group(1).split("\\s*,\\s*")) {
                int index = Integer.parseInt(number.strip());
                if (index >= 1 && index <= contextSize && !cited.contains(index)) {
                    cited.add(index);
                }
            }
        }
        return cited;
    }

    private static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (!STOP.contains(word) && !NEGATIONS.contains(word) && !word.endsWith("n't")) {
                words.add(word);
            }
        }
        return words;
    }

    private static List<String> stems(List<String> words) {
        return words.stream().map(LightStemmer::stem).toList();
    }

    private static Map<String, String> units() {
        Map<String, String> units = new HashMap<>();
        for (String[] group : new String[][] { { "day", "days", "tag", "tage", "tagen", "d" },
                { "hour", "hours", "h", "hr", "hrs", "stunde", "stunden" },
                { "minute", "minutes", "min", "mins", "minute", "minuten" }, { "second", "seconds", "sec", "s" },
                { "week", "weeks", "woche", "wochen" }, { "month", "months", "monat", "monate", "monaten", "mo" },
                { "year", "years", "jahr", "jahre", "jahren", "yr" }, { "%", "percent", "prozent" },
                { "usd", "dollar", "dollars", "$" }, { "eur", "euro", "euros", "€" }, { "gbp", "pound", "pounds", "£" },
                { "mb", "megabytes" }, { "gb", "gigabytes" }, { "kb", "kilobytes" }, { "kg", "kilograms", "kilo" },
                { "lb", "lbs", "pounds-weight" }, { "in", "inch", "inches" }, { "cm", "centimeters", "centimetres" },
                { "character", "characters", "zeichen" }, { "request", "requests" }, { "row", "rows", "zeilen" },
                { "retry", "retries" }, { "attempt", "attempts" }, { "digit", "digits" } }) {
            for (String name : group) {
                units.putIfAbsent(name, group[0]);
            }
        }
        return units;
    }
}
