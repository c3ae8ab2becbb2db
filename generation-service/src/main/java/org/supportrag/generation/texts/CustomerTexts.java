package org.supportrag.generation.texts;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The texts a customer reads from the service itself, in the customer's language: English or German, from
 * {@code messages/customer*.properties}. The language is that of the customer's message; when it is not recognized,
 * the visitor's language the request named (the widget's) if there are texts in it; else, or when the tenant chose
 * texts in one language, the tenant's default language ({@link TenantLanguages}).
 */
@Component
public class CustomerTexts {

    private static final String BASENAME = "messages/customer";
    private static final Pattern GERMAN = Pattern.compile(
            "\\b(?:ich|wie|wann|warum|welche[rsn]?|kann|können|mein(?:e|en)?|ist|sind|nicht|gibt|und|der|die|das|"
                    + "ein(?:e|en)?|mit|für|bei|Sie|ihr|habe|wird|werden|lange|kostet)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ENGLISH = Pattern.compile(
            "\\b(?:I|how|when|why|which|what|can|my|is|are|not|does|do|and|the|a|an|with|for|you|your|have|will|"
                    + "long|cost|costs|to|of|it)\\b",
            Pattern.CASE_INSENSITIVE);

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final @Nullable TenantLanguages languages;

    /** Without tenant settings: the language of the message, else English. */
    public CustomerTexts() {
        this(null);
    }

    @Autowired
    public CustomerTexts(@Nullable TenantLanguages languages) {
        this.languages = languages;
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

    /** {@code text} in the language of the customer's {@code message} to {@code tenantId}. */
    public String forMessage(CustomerText text, @Nullable String tenantId, String message) {
        return forMessage(text, tenantId, message, null);
    }

    /** {@code text} for a customer of {@code tenantId}, as {@link #localeOf(String, String, Locale)} chooses. */
    public String forMessage(CustomerText text, @Nullable String tenantId, String message,
            @Nullable Locale visitorLanguage) {
        return get(text, localeOf(tenantId, message, visitorLanguage));
    }

    /**
     * The language for a customer of {@code tenantId} who wrote {@code message}: that of the message when the tenant
     * lets texts follow the visitor and it is recognized, else the tenant's default language.
     */
    public Locale localeOf(@Nullable String tenantId, String message) {
        return localeOf(tenantId, message, null);
    }

    /**
     * The language for a customer of {@code tenantId} who wrote {@code message} in a widget speaking
     * {@code visitorLanguage}: when the tenant lets texts follow the visitor, that of the message if it is
     * recognized, else the widget's if there are texts in it; otherwise (or when neither) the tenant's default.
     */
    public Locale localeOf(@Nullable String tenantId, String message, @Nullable Locale visitorLanguage) {
        Locale visitor = visitorLanguage != null && TenantLanguages.SUPPORTED.contains(visitorLanguage.getLanguage())
                ? Locale.of(visitorLanguage.getLanguage()) : null;
        if (tenantId == null || languages == null) {
            Locale recognized = recognized(message);
            return recognized != null ? recognized : visitor != null ? visitor : Locale.ENGLISH;
        }
        TenantLanguages.Setting setting = languages.of(tenantId);
        if (!setting.answerInVisitorLanguage()) {
            return setting.defaultLocale();
        }
        Locale recognized = recognized(message);
        return recognized != null ? recognized : visitor != null ? visitor : setting.defaultLocale();
    }

    /** The language of a customer's message: German when it reads as German, else English. */
    public static Locale localeOf(String message) {
        Locale recognized = recognized(message);
        return recognized != null ? recognized : Locale.ENGLISH;
    }

    /** German or English when the message reads as one (German first), else null. */
    static @Nullable Locale recognized(String message) {
        if (hits(GERMAN, message) >= 2) {
            return Locale.GERMAN;
        }
        return hits(ENGLISH, message) >= 2 ? Locale.ENGLISH : null;
    }

    private static int hits(Pattern words, String message) {
        Matcher matcher = words.matcher(message);
        int hits = 0;
        while (matcher.find()) {
            hits++;
        }
        return hits;
    }
}
