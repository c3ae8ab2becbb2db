package org.supportrag.eval.answers;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognizes an answer that says the assistant does not know, in English or German. Together with a confidence
 * below {@link #CONFIDENCE_BELOW} it counts as declining an unanswerable question.
 */
public final class Declines {

    /** A declined answer's confidence is below this. */
    public static final double CONFIDENCE_BELOW = 0.5;

    private static final List<Pattern> PHRASES = List.of(
            // English
            "\\bi (?:do not|don't|don’t) know\\b",
            "\\b(?:i'm|i am|i’m) (?:not sure|unable to|afraid i (?:can't|cannot|don't))",
            "\\bi (?:could not|couldn't|couldn’t|can't|can’t|cannot|was unable to|did not|didn't) find\\b",
            "\\bi (?:can't|can’t|cannot|could not|couldn't) (?:answer|help with|tell)",
            "\\b(?:do not|don't|don’t) have (?:any |enough |the )?(?:information|details|data)\\b",
            "\\bno (?:information|details|answer) (?:about|on|for|regarding)\\b",
            "\\b(?:does not|doesn't|doesn’t|do not|don't) (?:cover|mention|say|contain|answer|address)\\b",
            "\\b(?:isn't|isn’t|is not|aren't|are not|not) (?:covered|mentioned|documented|described)\\b",
            "\\bnot able to (?:find|answer)\\b",
            "\\bno (?:relevant )?(?:article|documentation|excerpt|source)s? (?:covers|cover|mentions|about)\\b",
            // German
            "\\bweiß (?:ich )?(?:es )?(?:leider )?nicht\\b",
            "\\b(?:bin|sind) (?:mir |uns )?(?:leider )?nicht sicher\\b",
            "\\bkeine (?:\\w+ )?(?:informationen|angaben|auskunft|antwort)\\b",
            "\\b(?:konnte|kann|finde) (?:ich )?(?:dazu |hierzu |leider )*(?:nichts|keine)\\b",
            "\\b(?:kann|können) (?:ich |wir )?(?:diese frage |das |dies |dazu |leider )*nicht beantworten\\b",
            "\\bnicht (?:abgedeckt|beschrieben|erwähnt|dokumentiert|beantworten)\\b",
            "\\b(?:deckt|behandelt|erwähnt|beschreibt)\\b[^.]{0,60}\\bnicht\\b",
            "\\bliegen (?:mir|uns) (?:leider )?keine\\b")
        .stream()
        .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
        .toList();

    private Declines() {
    }

    /** Whether the answer says it does not know (whatever its confidence). */
    public static boolean saysItDoesNotKnow(String answer) {
        return PHRASES.stream().anyMatch(phrase -> phrase.matcher(answer).find());
    }

    /** Declined: confidence below 0.5 and an answer saying it does not know. */
    public static boolean declined(String answer, @org.jspecify.annotations.Nullable Double confidence) {
        return confidence != null && confidence < CONFIDENCE_BELOW && saysItDoesNotKnow(answer);
    }
}
