package org.supportrag.generation.guardrail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Undoes the usual ways of hiding an injection from a text matcher before the classifier sees the text: Unicode
 * compatibility forms (full-width and mathematical letters, NFKC), invisible characters, accents, look-alike
 * letters from other scripts, leetspeak inside words ("1gn0re"), letters spaced or dotted apart ("i g n o r e"),
 * stretched letters ("ignoooore") and case. Base64 runs that decode to readable text ("aWdub3Jl...") get their
 * decoded text appended, so an encoded instruction is read like a plain one.
 */
final class InjectionText {

    // Format characters (zero-width space/joiners, BOM, bidi controls), soft hyphens, variation selectors.
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\u00AD\\u034F\\uFE00-\\uFE0F]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    // Four or more single letters separated by one space, dot, dash, underscore or asterisk: "i g n o r e".
    private static final Pattern SPACED = Pattern
        .compile("(?<![\\p{L}\\p{N}])\\p{L}(?:[ .\\-_*]\\p{L}){3,}(?![\\p{L}\\p{N}])");
    private static final Pattern SEPARATOR = Pattern.compile("[ .\\-_*]");
    // A word mixing letters and leet digits/symbols; pure numbers ("4111", "2024") are left alone.
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}@$!|]+");
    // A hyphen inside a word ("ig-no-re", "e-mail"): joined, consistently for training and checks.
    private static final Pattern INNER_HYPHEN = Pattern.compile("(?<=\\p{L})-(?=\\p{L})");
    private static final Pattern STRETCHED = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    // A run of 16+ base64 characters standing alone (ids with '_' or '-' and hex digests decode to binary: skipped).
    private static final Pattern BASE64 = Pattern
        .compile("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=_-])");

    // Letters of other scripts that look like Latin ones (Cyrillic, Greek, IPA), after lower-casing.
    private static final String LOOKALIKE_FROM = "аеорсухіјѕԁһкмтвпгɡɑοαεικνρτυχηωℓ";
    private static final String LOOKALIKE_TO = "aeopcyxijsdhkmtbnrgaoaeikvptuxnwl";

    private InjectionText() {
    }

    static String normalize(String text) {
        String plain = Normalizer.normalize(decodeBase64(text), Normalizer.Form.NFKC);
        plain = INVISIBLE.matcher(plain).replaceAll("");
        plain = plain.toLowerCase(Locale.ROOT);
        plain = MARKS.matcher(Normalizer.normalize(plain, Normalizer.Form.NFKD)).replaceAll("");
        plain = plain.replace('ß', 's');
        plain = lookalikes(plain);
        plain = unspace(plain);
        plain = unleet(plain);
        plain = INNER_HYPHEN.matcher(plain).replaceAll("");
        plain = STRETCHED.matcher(plain).replaceAll("$1$1");
        return SPACE.matcher(plain).replaceAll(" ").strip();
    }

    /** The text with the readable decoding of each base64 run appended after it. */
    static String decodeBase64(String text) {
        Matcher run = BASE64.matcher(text);
        if (!run.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        int last = 0;
        do {
            String decoded = readable(run.group());
            if (decoded != null) {
                out.append(text, last, run.end()).append(" (").append(decoded).append(")");
                last = run.end();
            }
        }
        while (run.find());
        return out.append(text, last, text.length()).toString();
    }

    /** The UTF-8 text a base64 run decodes to when it reads as words (letters and spaces), else null. */
    private static @Nullable String readable(String run) {
        byte[] bytes;
        try {
            // Padding is optional for this decoder; a length that cannot be base64 throws.
            bytes = Base64.getDecoder().decode(run);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
        int wordish = 0;
        int spaces = 0;
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == ' ') {
                spaces++;
            }
            if (Character.isLetter(c) || c == ' ' || ".,'!?:-".indexOf(c) >= 0) {
                wordish++;
            }
        }
        return spaces >= 1 && wordish >= 0.9 * decoded.length() ? decoded : null;
    }

    private static String lookalikes(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            int at = LOOKALIKE_FROM.indexOf(text.charAt(i));
            if (at >= 0) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, LOOKALIKE_TO.charAt(at));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String unspace(String text) {
        Matcher spaced = SPACED.matcher(text);
        if (!spaced.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, spaced.start()).append(SEPARATOR.matcher(spaced.group()).replaceAll(""));
            last = spaced.end();
        }
        while (spaced.find());
        return out.append(text, last, text.length()).toString();
    }

    private static String unleet(String text) {
        Matcher word = WORD.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (word.find()) {
            String value = word.group();
            if (!leet(value)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, word.start());
            for (int i = 0; i < value.length(); i++) {
                out.append(switch (value.charAt(i)) {
                    case '0' -> 'o';
                    case '1', '!', '|' -> 'i';
                    case '3' -> 'e';
                    case '4', '@' -> 'a';
                    case '5', '$' -> 's';
                    case '7' -> 't';
                    default -> value.charAt(i);
                });
            }
            last = word.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** Letters with leet characters inside the word (not just a trailing "!" or a model number like "a4"). */
    private static boolean leet(String word) {
        int letters = 0;
        int leet = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            }
            else if ("013457@$!|".indexOf(c) >= 0 && i < word.length() - 1) {
                leet++;
            }
        }
        return letters >= 2 && leet >= 1 && letters + leet >= 4 && !Character.isDigit(word.charAt(0))
                || letters >= 3 && leet >= 1 && Character.isDigit(word.charAt(0)) && word.length() >= 5;
    }
}
