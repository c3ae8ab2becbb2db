package org.supportrag.generation.guardrail;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.supportrag.defaults.privacy.PiiRedactor;

/**
 * Identifier-shaped tokens: what the shared redactor recognises (e-mail addresses, phone, card, invoice and order
 * numbers, codes) plus any token with at least five digits, or four digits among letters ({@code PCL-CN-1234}), the
 * shapes of invoice, order, tracking and account numbers in formats no rule knows. Values are compared normalised
 * ({@link PiiRedactor#normalize}).
 */
final class TicketIdentifiers {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@+#/-]*[\\p{L}\\p{N}]");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

    record Replaced(String text, int count) {
    }

    private TicketIdentifiers() {
    }

    /** The identifiers in a text, normalised. */
    static Set<String> of(String text, PiiRedactor redactor) {
        Set<String> found = new LinkedHashSet<>(redactor.values(text));
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            if (shaped(token.group())) {
                found.add(PiiRedactor.normalize(token.group()));
            }
        }
        return found;
    }

    static boolean shaped(String token) {
        if (DATE.matcher(token).matches()) {
            return false;
        }
        int digits = 0;
        int letters = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            }
            else if (Character.isLetter(c)) {
                letters++;
            }
        }
        return digits >= 5 || digits >= 4 && letters > 0 || token.indexOf('@') > 0;
    }

    /** The identifiers found in {@code sources} and in none of {@code allowedSources}. */
    static Set<String> foreign(Collection<String> sources, Collection<String> allowedSources, PiiRedactor redactor) {
        Set<String> foreign = new LinkedHashSet<>();
        sources.forEach(source -> foreign.addAll(of(source, redactor)));
        if (!foreign.isEmpty()) {
            allowedSources.forEach(source -> foreign.removeAll(of(source, redactor)));
        }
        return foreign;
    }

    /** Replaces every token whose normalised form is among {@code identifiers}. */
    static Replaced replace(String text, Set<String> identifiers, String replacement) {
        Matcher token = TOKEN.matcher(text);
        StringBuilder out = null;
        int last = 0;
        int count = 0;
        while (token.find()) {
            String value = token.group();
            // A sentence's full stop is not part of the identifier.
            String trimmed = value.replaceAll("[._/-]+$", "");
            if (!identifiers.contains(PiiRedactor.normalize(trimmed))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, token.start()).append(replacement);
            last = token.start() + trimmed.length();
            count++;
        }
        return out == null ? new Replaced(text, 0) : new Replaced(out.append(text, last, text.length()).toString(), count);
    }
}
