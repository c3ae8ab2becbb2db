package org.supportrag.retrieval.text;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL text search configuration for a document's or query's language: stemming and stop words of the
 * language where PostgreSQL ships them (15+), else {@code simple} (lower-casing only), so an unsupported language
 * still matches exact words instead of being mangled by English stemming.
 */
public final class TextSearchConfigs {

    /** Documents and queries of unknown language: most knowledge bases are English. */
    public static final String DEFAULT = "english";

    public static final String SIMPLE = "simple";

    private static final Map<String, String> BY_ISO_639_1 = Map.ofEntries(Map.entry("ar", "arabic"),
            Map.entry("da", "danish"), Map.entry("nl", "dutch"), Map.entry("en", "english"),
            Map.entry("fi", "finnish"), Map.entry("fr", "french"), Map.entry("de", "german"),
            Map.entry("el", "greek"), Map.entry("hu", "hungarian"), Map.entry("id", "indonesian"),
            Map.entry("ga", "irish"), Map.entry("it", "italian"), Map.entry("lt", "lithuanian"),
            Map.entry("ne", "nepali"), Map.entry("no", "norwegian"), Map.entry("nb", "norwegian"),
            Map.entry("nn", "norwegian"), Map.entry("pt", "portuguese"), Map.entry("ro", "romanian"),
            Map.entry("ru", "russian"), Map.entry("sr", "serbian"), Map.entry("es", "spanish"),
            Map.entry("sv", "swedish"), Map.entry("ta", "tamil"), Map.entry("tr", "turkish"));

    private TextSearchConfigs() {
    }

    /** The configuration for an ISO 639-1 code; unknown language (null): {@link #DEFAULT}. */
    public static String forLanguage(@Nullable String language) {
        if (language == null) {
            return DEFAULT;
        }
        return BY_ISO_639_1.getOrDefault(language, SIMPLE);
    }
}
