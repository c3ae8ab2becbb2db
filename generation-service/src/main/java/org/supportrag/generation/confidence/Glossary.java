package org.supportrag.generation.confidence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.supportrag.generation.texts.CustomerTexts;

/**
 * A word-by-word English gloss of a German question, from a general customer-support vocabulary
 * ({@code lexicon/de-en.tsv}) with compound splitting ("Versandkosten" = shipping costs). The embedding model and
 * the term statistics are English-only, so a German question against an English knowledge base finds no sentence
 * close in meaning; its gloss ("which data regions there is at sign up") does. Words the glossary does not know
 * (names, numbers) are kept as written.
 */
public final class Glossary {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\p{L}\\p{N}\\s]+");
    private static final Map<String, String> GERMAN = load("/lexicon/de-en.tsv");
    /** Inflection endings tried, longest first, when a word is not in the glossary as written. */
    private static final List<String> ENDINGS = List.of("ern", "en", "em", "er", "es", "e", "n", "s");
    /** Linking letters between the parts of a compound ("Rechnung-s-adresse", "Kunde-n-konto"). */
    private static final List<String> LINKS = List.of("es", "en", "s", "n", "e", "");
    private static final int MIN_PART = 3;

    private Glossary() {
    }

    /** The English gloss of {@code question} when it reads as German, else the question itself. */
    public static String english(String question) {
        if (!Locale.GERMAN.equals(CustomerTexts.localeOf(question))) {
            return question;
        }
        StringBuilder gloss = new StringBuilder();
        List<String> tokens = TOKEN.matcher(question).results().map(java.util.regex.MatchResult::group).toList();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String lower = token.toLowerCase(Locale.ROOT);
            String english;
            // Two-word phrases first ("wie lange", "es gibt").
            String phrase = i + 1 < tokens.size() ? GERMAN.get(lower + " " + tokens.get(i + 1).toLowerCase(Locale.ROOT))
                    : null;
            if (phrase != null) {
                english = phrase;
                i++;
            }
            else if (!Character.isLetter(token.charAt(0))) {
                english = token;
            }
            else {
                String known = word(lower);
                english = known != null ? known : token;
            }
            if (!gloss.isEmpty() && Character.isLetterOrDigit(english.charAt(0))) {
                gloss.append(' ');
            }
            gloss.append(english);
        }
        return gloss.toString();
    }

    /** English of one lower-case German word: as written, without an inflection ending, or as a compound. */
    static @Nullable String word(String lower) {
        String simple = simple(lower);
        return simple != null ? simple : compound(lower, 0);
    }

    private static @Nullable String simple(String lower) {
        String english = GERMAN.get(lower);
        if (english != null) {
            return english;
        }
        for (String ending : ENDINGS) {
            if (lower.length() - ending.length() >= MIN_PART && lower.endsWith(ending)) {
                english = GERMAN.get(lower.substring(0, lower.length() - ending.length()));
                if (english != null) {
                    return english;
                }
            }
        }
        return null;
    }

    /** A compound read as modifier + head, the longest known head first (German heads come last, as in English). */
    private static @Nullable String compound(String lower, int depth) {
        if (depth > 2 || lower.length() < 2 * MIN_PART) {
            return null;
        }
        for (int split = MIN_PART; split <= lower.length() - MIN_PART; split++) {
            String head = simple(lower.substring(split));
            if (head == null) {
                continue;
            }
            String modifier = lower.substring(0, split);
            for (String link : LINKS) {
                if (!modifier.endsWith(link) || modifier.length() - link.length() < MIN_PART) {
                    continue;
                }
                String base = modifier.substring(0, modifier.length() - link.length());
                String first = simple(base);
                if (first == null) {
                    first = compound(base, depth + 1);
                }
                if (first != null) {
                    return first + " " + head;
                }
            }
        }
        return null;
    }

    private static Map<String, String> load(String resource) {
        Map<String, String> entries = new HashMap<>();
        try (InputStream in = Glossary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                if (tab > 0 && !line.startsWith("#")) {
                    entries.putIfAbsent(line.substring(0, tab).strip().toLowerCase(Locale.ROOT),
                            line.substring(tab + 1).strip());
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return Map.copyOf(entries);
    }
}
