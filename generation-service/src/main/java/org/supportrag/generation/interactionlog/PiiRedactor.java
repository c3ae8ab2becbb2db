package org.supportrag.generation.interactionlog;

/**
 * Removes personal data from text before it is stored in the interaction log. A bean of this type replaces the
 * default {@link RegexPiiRedactor} (for example the guardrails' redactor).
 */
public interface PiiRedactor {

    String redact(String text);
}
