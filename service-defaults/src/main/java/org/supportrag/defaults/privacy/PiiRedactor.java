package org.supportrag.defaults.privacy;

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
 * Finds personal data and customer identifiers with patterns plus checksums where a format has one (Luhn for card
 * numbers, ISO 7064 mod 97 for IBANs), so dates, prices and version numbers are left alone. One rule set, two
 * scopes: {@link #scan} (contact and payment data, for a customer's own conversation) and {@link #scrub}
 * (everything, for text about other customers such as tickets). Placeholders:
 * {@code [email]}, {@code [phone]}, {@code [card]}, {@code [iban]}, {@code [ssn]}, {@code [invoice]},
 * {@code [order]}, {@code [tracking]}, {@code [account]} (numbers named as such, in en, de, es, fr),
 * {@code [reference]} (identifier-shaped codes such as {@code INV-2025-001873}), {@code [address]} (street
 * addresses) and {@code [name]} (names in greetings, sign-offs and introductions, and the names a caller knows,
 * such as a ticket's authors).
 */
public final class PiiRedactor implements Redactor {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String CARD = "card";
    public static final String IBAN = "iban";
    public static final String SSN = "ssn";
    public static final String INVOICE = "invoice";
    public static final String ORDER = "order";
    public static final String TRACKING = "tracking";
    public static final String ACCOUNT = "account";
    public static final String REFERENCE = "reference";
    public static final String ADDRESS = "address";
    public static final String NAME = "name";

    private static final Pattern EMAIL_PATTERN = Pattern
        .compile("(?<![\\w.+-])[\\w.+%-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}\\b");
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

    // A number named as an invoice, order, tracking or account number; group 1 the keyword, group 2 the value.
    private static final Pattern NAMED_NUMBER = Pattern.compile("(?iu)\\b(invoice|inv|credit note|order|shipment"
            + "|tracking|parcel|consignment|account|acct|customer|client|reference|ref|ticket|rechnung|gutschrift"
            + "|bestellung|auftrag|sendung|paket|kunde|konto|kundenkonto|referenz|factura|pedido|envío|envio"
            + "|seguimiento|cuenta|cliente|referencia|facture|commande|colis|suivi|compte|référence)"
            + "(?:s?nummer|s?nr\\.?|\\s*(?:no\\.?|nr\\.?|number|num(?:ber|éro|ero)?\\.?|id|code|n°|nº))?"
            + "(?:\\s+(?:is|was|ist|es|est|de|du|:))?\\s*:?\\s*"
            + "(#?(?=[A-Z0-9-]*\\d{3})[A-Z0-9][A-Z0-9-]{3,38}[A-Z0-9](?:[ ]\\d{3,6}){0,5}|\\d{2,6}(?:[ ]\\d{2,6}){1,5})"
            + "(?![\\w-])");
    // Codes shaped like identifiers: letters, a dash, digits (INV-2025-001873), UPS tracking numbers, "#12345",
    // and long digit runs; dates and phone numbers are matched by their own rules.
    private static final Pattern CODE = Pattern.compile("(?<![\\w+-])(?:[A-Z]{2,6}(?:-[A-Z0-9]{1,10})*-\\d{4,}[A-Z0-9-]*"
            + "|1Z[0-9A-Z]{16}|[A-Z]{2}\\d{9}[A-Z]{2}|#\\d{4,}|\\d{10,})(?![\\w-])");
    private static final String STREET_EN = "(?:Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.?"
            + "|Drive|Dr\\.?|Way|Court|Ct\\.?|Place|Pl\\.?|Terrace|Close)";
    private static final Pattern ADDRESS_PATTERN = Pattern.compile(
            // 221B Baker Street, 12 Main St., Apt 4
            "\\b\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][a-z]+\\s+){1,3}" + STREET_EN + "(?![\\w])(?:,?\\s*(?:Apt|Suite|Unit)\\.?\\s*\\w{1,5})?"
                    // Hauptstraße 5, Lindenweg 12a
                    + "|\\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\\.|weg|gasse|allee|platz|ring|damm|ufer)\\s+\\d{1,4}[a-z]?\\b"
                    // Calle Mayor 5, Avenida de la Paz 12, Rue de la Paix 3
                    + "|\\b(?:Calle|Avenida|Avda\\.|Paseo|Plaza|Rue|Avenue|Boulevard|Chemin|Allée|Impasse)\\s+(?:(?:de la|de|del|du|des|de l')\\s+)?"
                    + "[A-ZÀ-Ý][\\p{L}'-]+(?:\\s+[A-ZÀ-Ý][\\p{L}'-]+){0,2},?\\s+\\d{1,4}\\b"
                    // 12 rue de la Paix, 3 avenue Victor Hugo
                    + "|\\b\\d{1,4},?\\s+(?:rue|avenue|boulevard|bd|chemin|allée|place|impasse|quai)\\s+(?:(?:de la|de|du|des|de l')\\s+)?"
                    + "[A-ZÀ-Ý][\\p{L}'-]+(?:\\s+[A-ZÀ-Ý][\\p{L}'-]+){0,2}");
    private static final String NAME_WORD = "\\p{Lu}[\\p{Ll}'’-]+";
    private static final String FULL_NAME = NAME_WORD + "(?:\\s+" + NAME_WORD + "){0,2}";
    // A name after a greeting or an introduction, before a sign-off's line break; group 1 is the name.
    private static final Pattern NAME_PATTERN = Pattern.compile("(?<![\\p{L}])(?:(?:Hi|Hello|Hey|Dear|Hallo|Liebe|Lieber"
            + "|Sehr geehrte|Sehr geehrter|Hola|Estimado|Estimada|Querido|Querida|Bonjour|Cher|Chère|Salut)\\s+(?:(?:Mr|Mrs|Ms|Herr|Frau|Sr|Sra|M|Mme)\\.?\\s+)?"
            + "(" + FULL_NAME + ")(?=\\s*[,!.\\n])"
            + "|(?i:my name is|ich heiße|mein name ist|me llamo|mi nombre es|je m'appelle)\\s+("
            + FULL_NAME + ")(?=\\s*(?:[,.!\\n]|and|und|y|et|from|von|de|$))"
            + "|(?i:thanks|thank you|regards|best|cheers|kind regards|best regards|danke|grüße|viele grüße|saludos|gracias"
            + "|cordialement|merci)[,!.]?\\s*\\n\\s*(" + FULL_NAME + ")\\s*$)", Pattern.MULTILINE);
    // Common words that greetings are followed by, never names.
    private static final Set<String> NOT_NAMES = Set.of("There", "Team", "Support", "All", "Everyone", "Again",
            "Thanks", "Thank", "Sorry", "Good", "Great", "The", "This", "That", "Please", "Yes", "No", "Ok", "Okay",
            "Welcome", "Parcelly", "Zusammen", "Equipo", "Todos", "Tous", "Happy", "Here", "Not", "Just", "Back",
            "Still", "Also", "Using", "Trying", "Looking", "Having", "Sure", "Glad", "Customer", "Customers", "Kunde",
            "Kundin", "Cliente", "Client", "Sir", "Madam", "Damen", "Herren");

    /**
     * Contact and payment data only (e-mail, phone, card, IBAN, SSN): for a customer's own conversation, where the
     * order and invoice numbers they mention, or their CRM record holds, are what the answer is about.
     */
    @Override
    public Redaction scan(String text) {
        return scan(text, Set.of());
    }

    /** Like {@link #scan(String)}, but leaves the given values (e.g. a help center's own support address) alone. */
    public Redaction scan(String text, Collection<String> allowed) {
        Set<String> kinds = new LinkedHashSet<>();
        return new Redaction(personal(text, allowed, kinds), new ArrayList<>(kinds));
    }

    /**
     * Everything: contact and payment data, invoice, order, tracking and account numbers, identifier-shaped codes,
     * street addresses and names, including the given ones (e.g. a ticket's authors) and each of their parts
     * wherever they occur. For text about other customers, such as support tickets becoming knowledge.
     */
    public Redaction scrub(String text, Collection<String> knownNames) {
        Set<String> kinds = new LinkedHashSet<>();
        Collection<String> allowed = Set.of();
        String result = replace(text, EMAIL_PATTERN, 0, value -> EMAIL, kinds, allowed, value -> true);
        result = replace(result, IBAN_PATTERN, 0, value -> IBAN, kinds, allowed, PiiRedactor::validIban);
        result = replace(result, CARD_PATTERN, 0, value -> CARD, kinds, allowed, PiiRedactor::luhn);
        result = replace(result, SSN_PATTERN, 0, value -> SSN, kinds, allowed, value -> true);
        result = replace(result, NAMED_NUMBER, 2, PiiRedactor::namedKind, kinds, allowed, value -> true);
        result = replace(result, CODE, 0, value -> value.startsWith("1Z") ? TRACKING : REFERENCE, kinds, allowed,
                value -> !ISO_DATE.matcher(value).matches());
        result = replace(result, PHONE_PATTERN, 0, value -> PHONE, kinds, allowed, PiiRedactor::plausiblePhone);
        result = replace(result, ADDRESS_PATTERN, 0, value -> ADDRESS, kinds, allowed, value -> true);
        result = replace(result, NAME_PATTERN, -1, value -> NAME, kinds, allowed,
                value -> !NOT_NAMES.contains(value.split("\\s+")[0]));
        result = replaceNames(result, knownNames, kinds);
        return new Redaction(result, new ArrayList<>(kinds));
    }

    private static String personal(String text, Collection<String> allowed, Set<String> kinds) {
        String result = replace(text, EMAIL_PATTERN, 0, value -> EMAIL, kinds, allowed, value -> true);
        result = replace(result, IBAN_PATTERN, 0, value -> IBAN, kinds, allowed, PiiRedactor::validIban);
        result = replace(result, CARD_PATTERN, 0, value -> CARD, kinds, allowed, PiiRedactor::luhn);
        result = replace(result, SSN_PATTERN, 0, value -> SSN, kinds, allowed, value -> true);
        return replace(result, PHONE_PATTERN, 0, value -> PHONE, kinds, allowed, PiiRedactor::plausiblePhone);
    }

    /**
     * Every personal data value and identifier in {@code text}, normalised, for allow-listing values a source
     * legitimately has and for recognising them in other texts.
     */
    public List<String> values(String text) {
        List<String> found = new ArrayList<>();
        collect(text, EMAIL_PATTERN, 0, value -> true, found);
        collect(text, IBAN_PATTERN, 0, PiiRedactor::validIban, found);
        collect(text, CARD_PATTERN, 0, PiiRedactor::luhn, found);
        collect(text, SSN_PATTERN, 0, value -> true, found);
        collect(text, NAMED_NUMBER, 2, value -> true, found);
        collect(text, CODE, 0, value -> !ISO_DATE.matcher(value).matches(), found);
        collect(text, PHONE_PATTERN, 0, PiiRedactor::plausiblePhone, found);
        return found;
    }

    private interface Check {
        boolean test(String value);
    }

    private interface Kind {
        String of(String value);
    }

    private static String namedKind(String keywordAndValue) {
        String keyword = keywordAndValue.toLowerCase(Locale.ROOT);
        if (keyword.startsWith("inv") || keyword.startsWith("rechnung") || keyword.startsWith("factur")
                || keyword.startsWith("credit") || keyword.startsWith("gutschrift")) {
            return INVOICE;
        }
        if (keyword.startsWith("order") || keyword.startsWith("bestell") || keyword.startsWith("auftrag")
                || keyword.startsWith("pedido") || keyword.startsWith("commande")) {
            return ORDER;
        }
        if (keyword.startsWith("track") || keyword.startsWith("sendung") || keyword.startsWith("seguim")
                || keyword.startsWith("suivi") || keyword.startsWith("parcel") || keyword.startsWith("paket")
                || keyword.startsWith("colis") || keyword.startsWith("env") || keyword.startsWith("shipment")
                || keyword.startsWith("consignment")) {
            return TRACKING;
        }
        if (keyword.startsWith("acc") || keyword.startsWith("acct") || keyword.startsWith("kont")
                || keyword.startsWith("kund") || keyword.startsWith("cuent") || keyword.startsWith("compt")
                || keyword.startsWith("custom") || keyword.startsWith("client") || keyword.startsWith("kunde")) {
            return ACCOUNT;
        }
        return REFERENCE;
    }

    private static void collect(String text, Pattern pattern, int group, Check check, List<String> found) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String value = matcher.group(group);
            if (value != null && check.test(value)) {
                found.add(normalize(value));
            }
        }
    }

    /**
     * Replaces the pattern's value group ({@code -1}: the first group that matched) with {@code [kind]}; for
     * {@link #NAMED_NUMBER} the kind comes from the keyword (group 1).
     */
    private static String replace(String text, Pattern pattern, int group, Kind kind, Set<String> kinds,
            Collection<String> allowed, Check check) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            int g = group >= 0 ? group : firstMatched(matcher);
            String value = matcher.group(g);
            if (value == null || !check.test(value) || (!allowed.isEmpty() && allowed.contains(normalize(value)))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            String type = kind.of(pattern == NAMED_NUMBER ? matcher.group(1) : value);
            out.append(text, last, matcher.start(g)).append('[').append(type).append(']');
            last = matcher.end(g);
            kinds.add(type);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    private static int firstMatched(Matcher matcher) {
        for (int g = 1; g <= matcher.groupCount(); g++) {
            if (matcher.group(g) != null) {
                return g;
            }
        }
        return 0;
    }

    private static String replaceNames(String text, Collection<String> knownNames, Set<String> kinds) {
        Set<String> parts = new LinkedHashSet<>();
        for (String name : knownNames) {
            String stripped = name.strip();
            if (stripped.length() >= 2) {
                parts.add(stripped);
            }
            for (String part : stripped.split("\\s+")) {
                if (part.length() >= 2 && Character.isUpperCase(part.charAt(0)) && !NOT_NAMES.contains(part)) {
                    parts.add(part);
                }
            }
        }
        String result = text;
        // Longest first, so a full name becomes one placeholder.
        List<String> ordered = new ArrayList<>(parts);
        ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
        for (String part : ordered) {
            Matcher matcher = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(part) + "(?![\\p{L}\\p{N}])")
                .matcher(result);
            if (matcher.find()) {
                result = matcher.replaceAll("[" + NAME + "]");
                kinds.add(NAME);
            }
        }
        return result;
    }

    public static String normalize(String value) {
        return value.replaceAll("[\\s().#-]", "").toLowerCase(Locale.ROOT);
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
