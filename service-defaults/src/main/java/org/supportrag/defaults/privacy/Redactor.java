package org.supportrag.defaults.privacy;

import java.util.List;

/**
 * Removes personal data (e-mail addresses, phone numbers, payment card numbers, IBANs, ...) from text before it
 * leaves the service or is stored for analysis. Other features (the interaction log, provider calls) use it
 * through this interface; the bean is {@link PiiRedactor}.
 */
public interface Redactor {

    /** The text with every personal data item replaced by a placeholder such as {@code [email]}. */
    default String redact(String text) {
        return scan(text).text();
    }

    /** The redacted text and the kinds of personal data found (e.g. {@code email}, {@code card}). */
    Redaction scan(String text);

    /**
     * A redacted text.
     *
     * @param text the text with placeholders
     * @param kinds what was replaced, each kind once, in order of first appearance; empty when nothing was
     */
    record Redaction(String text, List<String> kinds) {

        public Redaction {
            kinds = List.copyOf(kinds);
        }

        public boolean redacted() {
            return !kinds.isEmpty();
        }
    }
}
