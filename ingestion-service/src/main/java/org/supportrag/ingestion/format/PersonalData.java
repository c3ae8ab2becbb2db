package org.supportrag.ingestion.format;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes e-mail addresses, phone numbers and payment card numbers from ticket text before it is stored or
 * indexed: support threads are full of them and none of them helps answer a question.
 */
public final class PersonalData {

    static final String EMAIL_MARK = "[email]";
    static final String PHONE_MARK = "[phone]";
    static final String CARD_MARK = "[card number]";

    private static final Pattern EMAIL = Pattern.compile("[\\w.+%-]+@[\\w-]+(?:\\.[\\w-]+)+");
    // 13 to 19 digits, optionally grouped by spaces or dashes; kept only when the Luhn check passes.
    private static final Pattern CARD = Pattern.compile("(?<![\\w-])\\d(?:[ -]?\\d){12,18}(?![\\w-])");
    // International (+...) numbers, or numbers of at least two separated digit groups; 7 to 15 digits.
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d[\\d ()./-]{5,20}\\d|\\(?\\d{2,5}\\)?[ ./-]\\d{2,5}[ ./-]\\d{2,6}(?:[ ./-]\\d{2,6})?)(?![\\w])");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private PersonalData() {
    }

    public static String scrub(String text) {
        String result = replace(CARD, text, number -> luhn(number.replaceAll("[ -]", "")) ? CARD_MARK : null);
        result = EMAIL.matcher(result).replaceAll(Matcher.quoteReplacement(EMAIL_MARK));
        return replace(PHONE, result, number -> {
            long digits = number.chars().filter(Character::isDigit).count();
            return digits >= 7 && digits <= 15 && !ISO_DATE.matcher(number).matches() ? PHONE_MARK : null;
        });
    }

    private interface Replacer {
        String replacement(String match);
    }

    private static String replace(Pattern pattern, String text, Replacer replacer) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = replacer.replacement(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
