package org.supportrag.generation.escalation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a message says about who should answer it, as features for the handover classifier ({@link HandoverIntent}).
 * The cues are grammatical rather than a list of phrasings: a person of the support side (a human, an agent, your
 * team, einen Mitarbeiter) in reach of a contact verb or a first-person request, against a person of the customer's
 * own (my colleague, the recipient, unser Inhaber) or a how-to question about managing people. Word features
 * (hashed) let the weights learn the rest. English and German; umlauts are folded (ä to ae).
 */
final class IntentFeatures {

    /** Named grammatical cues, in feature order. */
    static final List<String> CUES = List.of("support_person", "own_person", "your_person", "third_party",
            "contact_near_person", "request_near_person", "person_alone", "real_person", "bot", "howto_question",
            "manage_verb", "question_about_someone", "take_over", "please", "exclaim", "short", "first_person",
            "third_party_acts", "contact_own_thing", "person_elsewhere", "no_person");

    static final int HASHED = 512;
    static final int SIZE = CUES.size() + HASHED;

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[!?]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final Set<String> SUPPORT_PERSON = words("human", "humans", "person", "people", "agent", "agents",
            "rep", "reps", "representative", "representatives", "operator", "someone", "somebody", "anyone", "anybody",
            "staff", "employee", "employees", "supervisor", "supervisors", "manager", "managers", "advisor", "advisors",
            "adviser", "advisers", "specialist", "specialists", "expert", "experts", "being",
            "support", "team", "mensch", "menschen", "menschlich", "menschlichen", "menschlicher", "menschlichem",
            "mitarbeiter", "mitarbeiterin", "mitarbeitenden", "berater", "beraterin", "beratung", "agenten",
            "kundenbetreuer", "kundenbetreuerin", "kundenberater", "kundenberaterin", "kundenservice",
            "kundendienst", "ansprechpartner", "ansprechpartnerin", "jemand", "jemanden", "jemandem", "personen",
            "vorgesetzten", "vorgesetzte", "kollegen", "kollegin", "supportmitarbeiter", "persoenlich", "customerservice",
            "customersupport", "customersuccess", "customercare", "helpdesk",
            "persoenliche", "persoenlichen");
    private static final Set<String> THIRD_PARTY = words("recipient", "recipients", "customer", "customers",
            "shopper", "shoppers", "buyer", "buyers", "colleague", "colleagues", "coworker", "coworkers", "teammate",
            "teammates", "member", "members", "owner", "owners", "ownership", "accountant", "partner", "father",
            "mother", "wife", "husband", "boss", "developer", "assistant", "user", "users", "viewer", "viewers",
            "admin", "admins", "driver", "courier", "successor", "empfaenger", "empfaengerin", "kunde", "kundin",
            "kaeufer", "kaeuferin", "inhaber", "inhaberin", "inhaberschaft", "nachfolger", "nachfolgerin", "chef",
            "chefin", "buchhalter", "buchhalterin", "buchhaltung", "steuerberater", "aushilfe", "packerin", "frau",
            "mann", "fahrer", "paketfahrer", "agentur", "mitglied", "entwickler", "lagerist", "else", "anderen",
            "andere", "anderem", "another", "worker", "workers", "kollege");
    private static final Set<String> OWN = words("my", "our", "mein", "meine", "meinen", "meinem", "meiner", "unser",
            "unsere", "unseren", "unserem", "unserer", "his", "her", "their", "sein", "seine", "ihre", "ihren");
    private static final Set<String> YOUR = words("your", "yours", "ihr", "ihrem", "ihres", "euer", "eure", "eurem",
            "euren", "dein", "deinen", "deinem");
    private static final Set<String> CONTACT = words("talk", "talking", "speak", "speaking", "chat", "connect",
            "transfer", "put", "pass", "escalate", "hand", "reach", "call", "phone", "get", "give", "send", "forward",
            "callback", "email", "contact", "sprechen", "reden", "verbinden", "verbinde", "durchstellen", "stellen",
            "uebergeben", "telefonieren", "erreichen", "erreiche", "holen", "schicken", "chatten", "kontaktieren",
            "weiterleiten", "eskalieren", "anrufen", "zurueckrufen", "besprechen", "klaeren", "uebergeben");
    private static final Set<String> REQUEST = words("want", "need", "like", "rather", "prefer", "insist", "demand",
            "let", "can", "could", "may", "possible", "moechte", "will", "haette", "gerne", "bestehe", "brauche",
            "kann", "darf", "koennte", "koennen", "gibt", "bitte", "please", "wuerde");
    private static final Set<String> REAL = words("real", "actual", "live", "human", "echt", "echten", "echter",
            "echte", "echtem", "menschlichen", "menschlicher", "menschlich", "persoenlich", "persoenliche",
            "persoenlichen");
    private static final Set<String> BOT = words("bot", "chatbot", "robot", "machine", "automated", "automatic",
            "ai", "automatisch", "automatische", "automatischen", "maschine", "ki", "computer", "repeating");
    private static final Set<String> HOWTO_START = words("how", "what", "where", "who", "which", "when", "does",
            "do", "why", "wie", "was", "wo", "wer", "welche", "welcher", "welches", "wann", "warum", "muss", "sieht",
            "bekommt");
    private static final Set<String> MANAGE = words("add", "remove", "invite", "transfer", "make", "delete", "assign",
            "access", "role", "roles", "rights", "permission", "permissions", "owner", "ownership", "uebertrage",
            "uebertragen", "hinzufuegen", "fuege", "einladen", "lade", "entfernen", "entferne", "zugang", "zugriff",
            "rolle", "rechte", "freigeben", "install", "setup", "configure");
    private static final Set<String> FIRST_PERSON = words("i", "me", "im", "ich", "mich", "mir", "let");
    // "do you support", "we support": the verb, not the support team.
    private static final Set<String> VERB_BEFORE_SUPPORT = words("you", "we", "they", "does", "do", "not", "i", "it",
            "unterstuetzt", "unterstuetzen");
    private static final Set<String> ELSEWHERE = words("at", "bei");
    // "someone else", "jemand anderen": a person of the customer's, not of the support desk.
    private static final Set<String> OTHER = words("else", "anderen", "anderem", "anderes", "andere", "anders");
    // "someone from my team", "jemand aus meinem Team": the customer's own people.
    private static final Set<String> FROM = words("from", "in", "on", "of", "aus", "von", "im");
    private static final Set<String> TAKE_OVER = words("over", "takeover", "uebernehmen", "dazu", "ansehen", "look",
            "check", "fix", "verify", "pruefen", "review", "help", "helfen", "hilft");
    private static final Set<String> PLEASE = words("please", "pls", "plz", "bitte", "asap");

    private IntentFeatures() {
    }

    private static Set<String> words(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    /** Lower-cased, accents and umlauts folded (ä to ae, ß to ss), "2" and "u" read as "to" and "you". */
    static List<String> tokens(String text) {
        String folded = text.toLowerCase(Locale.ROOT)
            .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
            .replace("’", "'").replace("'d ", " would ").replace("'m ", " am ").replace("-", " ")
            // The support desk, not a customer of the customer's.
            .replaceAll("\\bcustomer (service|support|success|care)\\b", "customer$1");
        folded = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(folded);
        while (matcher.find()) {
            String token = matcher.group();
            tokens.add(switch (token) {
                case "2" -> "to";
                case "u" -> "you";
                case "w" -> "with";
                case "pls", "plz" -> "please";
                default -> token;
            });
        }
        return tokens;
    }

    static double[] of(String text) {
        List<String> tokens = tokens(text);
        List<String> words = tokens.stream().filter(token -> !token.equals("!") && !token.equals("?")).toList();
        double[] features = new double[SIZE];
        boolean supportPerson = false;
        boolean ownPerson = false;
        boolean yourPerson = false;
        boolean thirdParty = false;
        boolean contactNear = false;
        boolean requestNear = false;
        boolean thirdActs = false;
        boolean elsewhere = false;
        boolean contactOwnThing = false;
        for (int i = 0; i + 1 < words.size(); i++) {
            if (CONTACT.contains(words.get(i)) && OWN.contains(words.get(i + 1)) && (i + 2 >= words.size()
                    || !SUPPORT_PERSON.contains(words.get(i + 2)) && !THIRD_PARTY.contains(words.get(i + 2)))) {
                contactOwnThing = true;
            }
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean other = i + 1 < words.size() && (OTHER.contains(words.get(i + 1))
                    // a possessive ("a person's name") names a thing, not someone to talk to
                    || words.get(i + 1).equals("s")
                    || i + 2 < words.size() && FROM.contains(words.get(i + 1)) && OWN.contains(words.get(i + 2)));
            boolean person = SUPPORT_PERSON.contains(word) && !other
                    && !(word.equals("support") && i > 0 && VERB_BEFORE_SUPPORT.contains(words.get(i - 1)));
            boolean third = THIRD_PARTY.contains(word) || SUPPORT_PERSON.contains(word) && other;
            if (!person && !third) {
                continue;
            }
            // The nearest determiner before the noun (skipping adjectives) says whose person it is.
            String owner = null;
            for (int j = i - 1; j >= Math.max(0, i - 3); j--) {
                if (OWN.contains(words.get(j)) || YOUR.contains(words.get(j))) {
                    owner = words.get(j);
                    break;
                }
            }
            boolean own = owner != null && OWN.contains(owner);
            boolean your = owner != null && YOUR.contains(owner);
            ownPerson |= own;
            yourPerson |= your && (person || third);
            if (third && !your) {
                thirdParty = true;
                for (int j = i + 1; j < Math.min(words.size(), i + 4); j++) {
                    thirdActs |= CONTACT.contains(words.get(j)) || REQUEST.contains(words.get(j));
                }
            }
            if (person && i + 1 < words.size() && ELSEWHERE.contains(words.get(i + 1))) {
                elsewhere = true;
            }
            if (person && !own) {
                supportPerson = true;
                for (int j = Math.max(0, i - 6); j < Math.min(words.size(), i + 4); j++) {
                    contactNear |= CONTACT.contains(words.get(j));
                    requestNear |= REQUEST.contains(words.get(j)) && j < i;
                }
            }
        }
        boolean real = words.stream().anyMatch(REAL::contains);
        String first = words.isEmpty() ? "" : words.getFirst();
        String second = words.size() > 1 ? words.get(1) : "";
        boolean howto = HOWTO_START.contains(first)
                || (first.equals("can") || first.equals("kann") || first.equals("darf") || first.equals("should"))
                        && !second.equals("i") && !second.equals("ich") && !second.equals("you")
                        && !second.equals("sie") && !second.equals("mich");
        set(features, "support_person", supportPerson);
        set(features, "own_person", ownPerson);
        set(features, "your_person", yourPerson);
        set(features, "third_party", thirdParty);
        set(features, "contact_near_person", contactNear);
        set(features, "request_near_person", requestNear);
        set(features, "person_alone", supportPerson && words.size() <= 4);
        set(features, "real_person", real && supportPerson);
        set(features, "bot", words.stream().anyMatch(BOT::contains));
        set(features, "howto_question", howto);
        set(features, "manage_verb", words.stream().anyMatch(MANAGE::contains));
        set(features, "question_about_someone", howto && (thirdParty || ownPerson));
        set(features, "take_over", supportPerson && words.stream().anyMatch(TAKE_OVER::contains));
        set(features, "please", words.stream().anyMatch(PLEASE::contains));
        set(features, "exclaim", tokens.contains("!"));
        set(features, "short", words.size() <= 5);
        set(features, "first_person", words.stream().anyMatch(FIRST_PERSON::contains));
        set(features, "third_party_acts", thirdActs);
        set(features, "contact_own_thing", contactOwnThing);
        set(features, "person_elsewhere", elsewhere);
        set(features, "no_person", !supportPerson && !words.stream().anyMatch(BOT::contains));
        for (int i = 0; i < words.size(); i++) {
            hash(features, words.get(i));
            if (i > 0) {
                hash(features, words.get(i - 1) + " " + words.get(i));
            }
        }
        return features;
    }

    private static void set(double[] features, String cue, boolean on) {
        features[CUES.indexOf(cue)] = on ? 1 : 0;
    }

    private static void hash(double[] features, String gram) {
        features[CUES.size() + Math.floorMod(gram.hashCode(), HASHED)] = 1;
    }
}
