package org.supportrag.ingestion.format;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Guesses a document's language (ISO 639-1) from its most common function words. Small and offline; it knows the
 * languages support teams most often write in and answers null rather than guessing on short or mixed text.
 */
public final class LanguageDetector {

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final int SAMPLE_CHARS = 20_000;
    private static final int MIN_HITS = 5;

    private static final Map<String, Set<String>> STOPWORDS = Map.of(
            "en", Set.of("the", "and", "to", "of", "is", "you", "your", "for", "in", "it", "that", "with", "this", "are",
                    "be", "on", "can", "if", "we", "or", "not", "will", "have", "from"),
            "de", Set.of("der", "die", "das", "und", "ist", "nicht", "sie", "ich", "mit", "sich", "auf", "für", "ein",
                    "eine", "zu", "den", "dem", "des", "wir", "ihr", "ihre", "oder", "wenn", "werden"),
            "fr", Set.of("le", "la", "les", "et", "est", "des", "une", "un", "vous", "pour", "dans", "que", "qui", "pas",
                    "sur", "votre", "avec", "nous", "du", "au", "sont", "ne", "ou"),
            "es", Set.of("el", "la", "los", "las", "y", "es", "de", "que", "en", "un", "una", "para", "por", "con", "su",
                    "no", "se", "del", "al", "usted", "como", "pero", "está"),
            "it", Set.of("il", "lo", "la", "gli", "le", "e", "è", "di", "che", "per", "un", "una", "non", "con", "sono",
                    "del", "della", "alla", "questo", "come", "ma", "se", "nel"),
            "nl", Set.of("de", "het", "een", "en", "is", "van", "niet", "dat", "je", "u", "uw", "met", "voor", "op", "zijn",
                    "wij", "ook", "maar", "als", "bij", "naar", "worden"),
            "pt", Set.of("o", "a", "os", "as", "e", "é", "de", "que", "em", "um", "uma", "para", "com", "não", "do", "da",
                    "você", "seu", "sua", "por", "mais", "são", "ao"));

    private LanguageDetector() {
    }

    public static @Nullable String detect(String text) {
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        Map<String, Integer> hits = new java.util.HashMap<>();
        var words = WORD.matcher(sample.toLowerCase(Locale.ROOT));
        while (words.find()) {
            String word = words.group();
            STOPWORDS.forEach((language, stopwords) -> {
                if (stopwords.contains(word)) {
                    hits.merge(language, 1, Integer::sum);
                }
            });
        }
        String best = null;
        int bestHits = 0;
        int second = 0;
        for (Map.Entry<String, Integer> entry : hits.entrySet()) {
            if (entry.getValue() > bestHits) {
                second = bestHits;
                bestHits = entry.getValue();
                best = entry.getKey();
            }
            else if (entry.getValue() > second) {
                second = entry.getValue();
            }
        }
        // A clear winner only: function words are shared between related languages.
        return bestHits >= MIN_HITS && bestHits >= second * 1.5 ? best : null;
    }
}
