package org.supportrag.generation.texts;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The texts a customer reads from the service itself, in the customer's language: English or German, from
 * {@code messages/customer*.properties}. The language is that of the customer's message (the widget's language is
 * not sent to the service).
 */
@Component
public class CustomerTexts {

    private static final String BASENAME = "messages/customer";
    private static final Pattern GERMAN = Pattern.compile(
            "\\b(?:ich|wie|wann|warum|welche[rsn]?|kann|können|mein(?:e|en)?|ist|sind|nicht|gibt|und|der|die|das|"
                    + "ein(?:e|en)?|mit|für|bei|Sie|ihr|habe|wird|werden|lange|kostet)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    public CustomerTexts() {
        messages.setBasename(BASENAME);
        messages.setDefaultEncoding("UTF-8");
        // English is the base bundle: a server whose own locale is German must still answer English in English.
        messages.setFallbackToSystemLocale(false);
    }

    /** {@code text} in {@code locale}'s language (English when there is no bundle for it). */
    public String get(CustomerText text, Locale locale) {
        return messages.getMessage(text.key(), null, locale);
    }

    /** {@code text} in the language of the customer's {@code message}. */
    public String forMessage(CustomerText text, String message) {
        return get(text, localeOf(message));
    }

    /** The language of a customer's message: German when it reads as German, else English. */
    public static Locale localeOf(String message) {
        Matcher german = GERMAN.matcher(message);
        int hits = 0;
        while (german.find()) {
            hits++;
        }
        return hits >= 2 ? Locale.GERMAN : Locale.ENGLISH;
    }
}
