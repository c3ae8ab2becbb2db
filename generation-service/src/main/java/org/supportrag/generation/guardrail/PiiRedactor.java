package org.supportrag.generation.guardrail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data with patterns plus checksums where a format has one (Luhn for card numbers, ISO 7064 mod 97
 * for IBANs), so order numbers and dates are left alone. Placeholders: {@code [email]}, {@code [phone]},
 * {@code [card]}, {@code [iban]}, {@code [ssn]}.
 */
public final class PiiRedactor implements Redactor {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String CARD = "card";
    public static final String IBAN = "iban";
    public static final String SSN = "ssn";

    private static final Pattern EMAIL_PATTERN = Pattern
        .compile("(?<![\\w.+-])[\\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}\\b");
    private static final Pattern IBAN_PATTERN = Pattern
        .compile("\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\\b", Pattern.CASE_INSENSITIVE);
    // 13-19 digits, optionally grouped by single spaces or dashes.
    private static final Pattern CARD_PATTERN = Pattern.compile("(?<![\\d+-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern SSN_PATTERN = Pattern.compile("(?<![\\d-])\\d{3}-\\d{2}-\\d{4}(?![\\d-])");
    // International (+..), parenthesised area code, or at least two separated digit groups; 7-15 digits in all.
    private static final Pattern PHONE_PATTERN = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,5}\\)[ .-]?)?\\d{1,5}(?:[ .-]\\d{1,5}){1,5}(?![\\w-])"
                    + "|(?<![\\w+])\\+\\d{7,15}(?!\\w)");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

    @Override
    public Redaction scan(String text) {
        return scan(text, Set.of());
    }

    /** Like {@link #scan(String)}, but leaves the given values (e.g. a help center's own support address) alone. */
    public Redaction scan(String text, Collection<String> allowed) {
        Set<String> kinds = new LinkedHashSet<>();
        String result = replace(text, EMAIL_PATTERN, EMAIL, kinds, allowed, value -> true);
        result = replace(result, IBAN_PATTERN, IBAN, kinds, allowed, PiiRedactor::validIban);
        result = replace(result, CARD_PATTERN, CARD, kinds, allowed, PiiRedactor::luhn);
        result = replace(result, SSN_PATTERN, SSN, kinds, allowed, value -> true);
        result = replace(result, PHONE_PATTERN, PHONE, kinds, allowed, PiiRedactor::plausiblePhone);
        return new Redaction(result, new ArrayList<>(kinds));
    }

    /** Every personal data value in {@code text}, as written, for allow-listing values a source legitimately has. */
    public List<String> values(String text) {
        List<String> found = new ArrayList<>();
        collect(text, EMAIL_PATTERN, value -> true, found);
        collect(text, IBAN_PATTERN, PiiRedactor::validIban, found);
        collect(text, CARD_PATTERN, PiiRedactor::luhn, found);
        collect(text, PHONE_PATTERN, PiiRedactor::plausiblePhone, found);
        return found;
    }

    private interface Check {
        boolean test(String value);
    }

    private static void collect(String text, Pattern pattern, Check check, List<String> found) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (check.test(matcher.group())) {
                found.add(normalize(matcher.group()));
            }
        }
    }

    private static String replace(String text, Pattern pattern, String kind, Set<String> kinds,
            Collection<String> allowed, Check check) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            String value = matcher.group();
            if (!check.test(value) || (!allowed.isEmpty() && allowed.contains(normalize(value)))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, matcher.start()).append('[').append(kind).append(']');
            last = matcher.end();
            kinds.add(kind);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    static String normalize(String value) {
        return value.replaceAll("[\\s().-]", "").toLowerCase(Locale.ROOT);
    }

    static boolean luhn(String value) {
        String digits = value.replaceAll("\\D", "");
        if (digits.length() < 13 || digits.length() > 19 || digits.chars().distinct().count() == 1) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static boolean validIban(String value) {
        String iban = value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34 || !iban.substring(2, 4).chars().allMatch(Character::isDigit)) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            if (Character.isDigit(c)) {
                numeric.append(c);
            }
            else if (c >= 'A' && c <= 'Z') {
                numeric.append(c - 'A' + 10);
            }
            else {
                return false;
            }
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    static boolean plausiblePhone(String value) {
        if (ISO_DATE.matcher(value).matches()) {
            return false;
        }
        long digits = value.chars().filter(Character::isDigit).count();
        if (digits < 7 || digits > 15) {
            return false;
        }
        // Decimal numbers and version strings ("1.2.3") are not phone numbers.
        return value.startsWith("+") || value.startsWith("(") || value.chars().filter(c -> c == '.').count() != 1
                && !value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
