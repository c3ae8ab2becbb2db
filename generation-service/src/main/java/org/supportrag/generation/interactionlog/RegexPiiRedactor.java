package org.supportrag.generation.interactionlog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts e-mail addresses, payment card numbers (Luhn-checked, 13-19 digits with optional spaces or dashes) and
 * phone numbers (7-15 digits, optional +country code, separators and parentheses).
 */
public final class RegexPiiRedactor implements PiiRedactor {

    public static final String EMAIL = "[email]";
    public static final String CARD = "[card]";
    public static final String PHONE = "[phone]";

    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern CARD_PATTERN = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{2}[./-]\\d{2}[./-]\\d{4}");
    private static final Pattern PHONE_PATTERN = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]?\\d{2,4}){1,4}(?!\\w)");

    @Override
    public String redact(String text) {
        String redacted = EMAIL_PATTERN.matcher(text).replaceAll(EMAIL);
        Matcher card = CARD_PATTERN.matcher(redacted);
        redacted = card.replaceAll(match -> luhn(match.group()) ? CARD : Matcher.quoteReplacement(match.group()));
        Matcher phone = PHONE_PATTERN.matcher(redacted);
        return phone.replaceAll(match -> isPhone(match.group()) ? PHONE : Matcher.quoteReplacement(match.group()));
    }

    private static boolean isPhone(String candidate) {
        int digits = digits(candidate);
        return digits >= 7 && digits <= 15 && !DATE.matcher(candidate).matches();
    }

    private static int digits(String text) {
        return (int) text.chars().filter(Character::isDigit).count();
    }

    static boolean luhn(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
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
