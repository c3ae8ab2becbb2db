package org.supportrag.generation.confidence;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of fact a question asks for, and whether a text holds one: "how long" needs a duration, "how much" a
 * price, "how many" a number, "which" a named thing, "where" or "how do I" a menu path or steps. English and German.
 */
public enum AnswerType {

    DURATION(
            "\\bhow (long|soon|quickly|fast)\\b|\\bhow many (seconds|minutes|hours|days|weeks|months|years|business days)\\b"
                    + "|\\bwhen (do|will|does|can) (i|we|my|the|it)\\b.*\\b(get|receive|arrive|back|expire|take|credited|refund)"
                    + "|\\bhow often\\b|\\bwie (lange|schnell|oft)\\b|\\bwann\\b",
            "\\b\\d+(?:[.,]\\d+)?\\s*(?:[-–]|to)?\\s*\\d*\\s*(?:business |working |calendar )?"
                    + "(?:seconds?|minutes?|min|hours?|h|days?|weeks?|months?|years?|Tage?n?|Stunden?|Minuten?|Wochen?|Monate?n?)\\b"
                    + "|\\b(?:one|two|three|four|five|six|seven|ten|twelve|thirty) (?:business )?(?:minutes?|hours?|days?|weeks?|months?|years?)\\b"
                    + "|\\b(?:immediately|instantly|daily|weekly|monthly|hourly|every \\w+|right away|sofort|täglich)\\b"),
    PRICE(
            "\\bhow much\\b|\\bcosts?\\b|\\bprices?\\b|\\bpricing\\b|\\bfees?\\b|\\bcharged?\\b|\\bpay\\b|\\bwas kostet\\b"
                    + "|\\bkosten\\b|\\bpreis\\b|\\bgebühr",
            "[$€£]\\s?\\d|\\d\\s?(?:USD|EUR|GBP|€|\\$|£)|\\bfree\\b|\\bno charge\\b|\\bkostenlos\\b|\\bgratis\\b"),
    NUMBER(
            "\\bhow many\\b|\\bminimum\\b|\\bmaximum\\b|\\blimits?\\b|\\bup to how\\b|\\bwie viele\\b|\\bmindest|\\bhöchst",
            "\\d|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|unlimited)\\b"),
    PATH(
            "\\bwhere\\b|\\bhow (do|can|should) (i|we)\\b|\\bhow to\\b|\\bwhat are the steps\\b|\\bwo\\b|\\bwie kann ich\\b",
            "→|->|\\s>\\s|\\b(?:Settings|Einstellungen)\\b|\\b(?:click|open|go to|select|choose|enter|tap|klicken|öffnen)\\b"),
    NAMED(
            "\\bwhich\\b|\\bwhat (?:kinds?|types?|formats?|sizes?)\\b|\\bwelche[rsn]?\\b",
            "(?<=[\\p{L}\\d,;(]\\s)\\p{Lu}[\\p{L}\\d]+|\\d"),
    NONE("(?!)", "");

    private final Pattern question;
    private final Pattern answer;

    AnswerType(String question, String answer) {
        this.question = Pattern.compile(question, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        // Answer patterns are case-sensitive where case carries meaning (named things); the rest say so inline.
        this.answer = Pattern.compile(answer, this.ordinal() == 4 ? Pattern.UNICODE_CASE
                : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The most specific type the question asks for, {@link #NONE} when it asks for none in particular. */
    public static AnswerType of(String question) {
        String text = question.toLowerCase(Locale.ROOT);
        for (AnswerType type : values()) {
            if (type.question.matcher(text).find()) {
                return type;
            }
        }
        return NONE;
    }

    /** Whether {@code text} holds a fact of this type ({@link #NONE}: always). */
    public boolean foundIn(String text) {
        return this == NONE || answer.matcher(text).find();
    }
}
