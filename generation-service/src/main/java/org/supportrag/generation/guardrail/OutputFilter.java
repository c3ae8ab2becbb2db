package org.supportrag.generation.guardrail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.privacy.PiiRedactor;
import org.supportrag.defaults.privacy.Redactor;
import org.supportrag.generation.answer.AnswerStream;

/**
 * Checks an answer while it streams and passes it on word by word. A word is held back until the next one starts
 * (numbers until a non-number follows, so a phone or card number is checked whole); then citation markers naming
 * no retrieved chunk are removed, personal data not present in the retrieved chunks is redacted, and text about a
 * banned topic or repeating the system prompt stops the answer there (the caller closes the turn politely).
 */
public final class OutputFilter implements AnswerStream {

    static final String REDACTED = "[redacted]";
    private static final Pattern MARKER = Pattern.compile("(\\s?)\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    // A word that may be part of a phone/card number or of a citation marker still being written.
    private static final Pattern NUMERIC_WORD = Pattern.compile("[\\d+()\\[\\],.-]*\\d[\\d+()\\[\\],.-]*|\\+|\\(|\\[");
    private static final int RECENT_CHARS = 120;
    private static final Pattern SENTENCE_END = Pattern
        .compile("(?:\\s?\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*])?[.!?]+[\"')\\]]*(?:\\s?\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*])?");
    private static final Pattern PIECE = Pattern.compile("\\s*\\S+");
    private static final Pattern LEAK_PHRASES = Pattern.compile(
            "\\b(my|the) (system prompt|(initial|original|hidden|secret) instructions)\\b"
                    + "|\\bmy instructions (are|say|tell)\\b|\\bi (was|am|have been) (instructed|told|programmed) to\\b");

    private final AnswerStream downstream;
    private final int contextSize;
    private final List<String> allowedPii;
    private final List<String> bannedTopics;
    private final int phraseWords;
    private final Set<String> promptShingles;
    private final Supplier<Set<String>> contextShingles;
    private final @Nullable PiiRedactor redactor;
    private final Set<String> foreignIdentifiers;
    private final int holdbackChars;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder emitted = new StringBuilder();
    private final Set<String> flags = new LinkedHashSet<>();
    private @Nullable String blockedBy;

    OutputFilter(AnswerStream downstream, int contextSize, List<String> allowedPii, List<String> bannedTopics,
            Set<String> promptShingles, Supplier<Set<String>> contextShingles, @Nullable PiiRedactor redactor,
            int holdbackChars) {
        this(downstream, contextSize, allowedPii, bannedTopics, promptShingles, contextShingles, redactor, Set.of(),
                holdbackChars);
    }

    /**
     * @param foreignIdentifiers identifiers (normalised, {@link TicketIdentifiers}) that occur in other customers'
     *        tickets among the context and nowhere the customer or the documentation wrote them: replaced in the
     *        answer with {@value #REDACTED}, flagged {@code ticket_identifier}
     */
    OutputFilter(AnswerStream downstream, int contextSize, List<String> allowedPii, List<String> bannedTopics,
            Set<String> promptShingles, Supplier<Set<String>> contextShingles, @Nullable PiiRedactor redactor,
            Set<String> foreignIdentifiers, int holdbackChars) {
        this.downstream = downstream;
        this.contextSize = contextSize;
        this.allowedPii = List.copyOf(allowedPii);
        this.bannedTopics = List.copyOf(bannedTopics);
        this.phraseWords = bannedTopics.stream()
            .mapToInt(term -> term.strip().split("\\s+").length)
            .max()
            .orElse(1);
        this.promptShingles = promptShingles;
        this.contextShingles = contextShingles;
        this.redactor = redactor;
        this.foreignIdentifiers = Set.copyOf(foreignIdentifiers);
        this.holdbackChars = holdbackChars;
    }

    @Override
    public void token(String text) {
        if (blockedBy != null) {
            return;
        }
        pending.append(text);
        release(false);
    }

    @Override
    public boolean cancelled() {
        return blockedBy != null || downstream.cancelled();
    }

    /** Checks and passes on whatever is still held back; call once the answerer returned. */
    public void finish() {
        if (blockedBy == null) {
            release(true);
        }
        pending.setLength(0);
    }

    /** Passes on text of our own (a caveat, a closing sentence) without checks. */
    public void append(String text) {
        emit(text);
    }

    /** Everything the customer received, in order. */
    public String text() {
        return emitted.toString();
    }

    public List<String> flags() {
        return new ArrayList<>(flags);
    }

    /** The flag that stopped the answer ({@code banned_topic}, {@code system_prompt_leak}), or null. */
    public @Nullable String blockedBy() {
        return blockedBy;
    }

    private void release(boolean all) {
        int end = all ? pending.length() : releasable();
        if (end <= 0) {
            return;
        }
        String segment = pending.substring(0, end);
        pending.delete(0, end);
        process(segment);
    }

    /**
     * How much of the pending text can go: up to the last whitespace, minus trailing words that may be the start of
     * a phone or card number (digits, '+', '(') or an unfinished citation marker; those wait for the next word,
     * at most {@code holdbackChars}.
     */
    private int releasable() {
        int end = lastWhitespace(pending.length());
        // The first words of a banned phrase wait for the rest of it.
        for (int held = 0; held < phraseWords - 1 && end > 0; held++) {
            end = lastWhitespace(end - 1);
        }
        while (end > 0) {
            int start = lastWhitespace(end - 1);
            String word = pending.substring(Math.max(0, start), end).strip();
            if (word.isEmpty() || !NUMERIC_WORD.matcher(word).matches()
                    || pending.length() - Math.max(0, start) > holdbackChars) {
                break;
            }
            end = start;
        }
        return end;
    }

    private int lastWhitespace(int before) {
        for (int i = Math.min(before, pending.length()) - 1; i >= 0; i--) {
            if (Character.isWhitespace(pending.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private void process(String segment) {
        String checked = repairCitations(segment);
        // Phrases may straddle what was already sent, this segment and what is still held back: check them together.
        String window = InjectionDetector.normalize(recent() + checked);
        if (TopicPolicy.firstTerm(window + InjectionDetector.normalize(pending.toString()), bannedTopics) != null) {
            // Sentences of this segment before the one with the banned phrase still go out.
            int cut = lastSentenceEnd(checked);
            if (cut > 0) {
                String head = checked.substring(0, cut);
                if (TopicPolicy.firstTerm(InjectionDetector.normalize(recent() + head), bannedTopics) == null) {
                    emitChecked(head);
                }
            }
            block(GuardrailFlags.BANNED_TOPIC);
            return;
        }
        if (leaksPrompt(window)) {
            block(GuardrailFlags.SYSTEM_PROMPT_LEAK);
            return;
        }
        emitChecked(checked);
    }

    private static int lastSentenceEnd(String text) {
        Matcher end = SENTENCE_END.matcher(text);
        int cut = -1;
        while (end.find()) {
            cut = end.end();
        }
        return cut;
    }

    /** Removes other customers' identifiers, redacts personal data and passes the text on word by word. */
    private void emitChecked(String segment) {
        String checked = segment;
        if (!foreignIdentifiers.isEmpty()) {
            TicketIdentifiers.Replaced replaced = TicketIdentifiers.replace(segment, foreignIdentifiers, REDACTED);
            if (replaced.count() > 0) {
                flags.add(GuardrailFlags.TICKET_IDENTIFIER);
                checked = replaced.text();
            }
        }
        Redactor.Redaction redaction = redactor == null ? new Redactor.Redaction(checked, List.of())
                : redactor.scan(checked, allowedPii);
        if (redaction.redacted()) {
            flags.add(GuardrailFlags.PII_REDACTED);
        }
        Matcher piece = PIECE.matcher(redaction.text());
        int last = 0;
        while (piece.find()) {
            emit(piece.group());
            last = piece.end();
        }
        if (last < redaction.text().length()) {
            emit(redaction.text().substring(last));
        }
    }

    /** The end of what was sent, enough for a shingle or a banned phrase to span it. */
    private String recent() {
        int from = Math.max(0, emitted.length() - RECENT_CHARS);
        return emitted.substring(from);
    }

    private void block(String flag) {
        blockedBy = flag;
        flags.add(flag);
        pending.setLength(0);
    }

    private String repairCitations(String segment) {
        Matcher marker = MARKER.matcher(segment);
        StringBuilder out = new StringBuilder(segment.length());
        int last = 0;
        while (marker.find()) {
            List<String> valid = new ArrayList<>();
            Matcher number = NUMBER.matcher(marker.group(2));
            while (number.find()) {
                int index = Integer.parseInt(number.group());
                if (index >= 1 && index <= contextSize && !valid.contains(number.group())) {
                    valid.add(number.group());
                }
            }
            String replacement;
            if (valid.isEmpty()) {
                replacement = "";
                flags.add(GuardrailFlags.INVALID_CITATION);
            }
            else {
                replacement = marker.group(1) + "[" + String.join(", ", valid) + "]";
                if (valid.size() != NUMBER.matcher(marker.group(2)).results().count()) {
                    flags.add(GuardrailFlags.INVALID_CITATION);
                }
            }
            out.append(segment, last, marker.start()).append(replacement);
            last = marker.end();
        }
        return out.append(segment, last, segment.length()).toString();
    }

    private boolean leaksPrompt(String normalized) {
        if (LEAK_PHRASES.matcher(normalized).find()) {
            return true;
        }
        if (promptShingles.isEmpty()) {
            return false;
        }
        for (String shingle : Shingles.of(normalized)) {
            // Help-center text may share a phrase with the rules; quoting the help center is no leak.
            if (promptShingles.contains(shingle) && !contextShingles.get().contains(shingle)) {
                return true;
            }
        }
        return false;
    }

    private void emit(String text) {
        if (text.isEmpty()) {
            return;
        }
        emitted.append(text);
        downstream.token(text);
    }
}
