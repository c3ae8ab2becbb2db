package org.supportrag.generation.guardrail;

import java.util.List;

/**
 * The parts an injection is built from, in en/de/es/fr, on normalised text ({@link InjectionText}: lower case, no
 * accents): a word naming the AI that reads the text, an override ("ignore", "vergiss", "olvida", "oublie"), the
 * rules or prompt as object, a request to reveal or a secret, a directive addressed to someone ("should", "bitte",
 * "digan", "veuillez"), a payload a customer would be harmed by (passwords, card data, fees, links, phone numbers),
 * a change of role. Each alone is common in help-center text; the classifier gets which are present and which pairs
 * co-occur as features of their own, so "an instruction to the assistant that asks for a password" is one learned
 * feature whatever words and language it uses.
 */
final class InjectionCues {

    static final int AI = 0;
    static final int OVERRIDE = 1;
    static final int RULES = 2;
    static final int REVEAL = 3;
    static final int DIRECTIVE = 4;
    static final int PAYLOAD = 5;
    static final int ROLE = 6;
    static final int PRIOR = 7;
    static final int KINDS = 8;

    // Word prefixes per kind (a word matches when it starts with one of them); short exact words in EXACT.
    private static final List<List<String>> PREFIXES = List.of(
            List.of("assistant", "assistent", "asistente", "chatbot", "llm", "gpt", "languagemodel"),
            List.of("ignor", "disregard", "forget", "vergiss", "vergess", "olvid", "oubli", "overrid", "bypass",
                    "umgeh", "uberschreib", "ueberschreib", "outrepass", "contourn", "elud"),
            List.of("instruction", "instruccion", "anweisung", "rule", "regel", "regla", "regle", "prompt",
                    "guideline", "richtlinie", "directiv", "directriz", "consigne", "vorgabe", "systemprompt"),
            List.of("reveal", "revel", "verrat", "leak", "dump", "divulg", "muestr", "mostr", "montr", "zeig",
                    "affich", "imprim", "secret", "geheim", "confidential", "confidencial", "confidentiel", "hidden",
                    "verborg", "versteck", "ocult", "cache"),
            List.of("should", "must", "please", "kindly", "remember", "mention", "recommend", "sollt", "sollen",
                    "bitte", "empfehl", "erwahn", "erinner", "deben", "deberi", "recuerd", "recomiend", "mencion",
                    "doivent", "devr", "veuillez", "rappel", "recommand", "mentionn", "dites", "digan", "sagen"),
            List.of("password", "passwort", "kennwort", "contrasena", "credential", "zugangsdat", "credencial",
                    "identifiant", "cvv", "iban", "2fa", "fee", "gebuhr", "frais", "tarifa", "http", "www",
                    "evil", "malo", "boese", "mechant", "leaked", "hack", "phone", "telefon", "telefono",
                    "wire", "bitcoin", "crypto", "giftcard"),
            List.of("pretend", "roleplay", "jailbreak", "unrestrict", "unfilter", "uncensor", "persona",
                    "developermode", "entwicklermodus"),
            List.of("previous", "prior", "above", "earlier", "preceding", "vorherig", "obig", "bisherig", "anterior",
                    "previa", "previo", "precedent", "ci-dessus", "dessus", "everything", "alles", "todo", "tout"));
    private static final List<List<String>> EXACT = List.of(
            List.of("ai", "ki", "ia", "bot", "bots", "model", "modell", "modelo", "modele", "ais"),
            List.of(), List.of("rules"), List.of("show", "print", "repeat", "output", "display"),
            List.of("shall", "soll", "muss", "debe", "doit", "dis", "diga", "di", "sag", "tell", "say", "ask"),
            List.of("pin", "card", "karte", "tarjeta", "carte", "url", "link"), List.of("act", "rolle", "papel", "role", "dan", "mode", "modo"),
            List.of("all", "alle", "todas", "todos", "toutes", "tous"));

    private InjectionCues() {
    }

    /** Bit {@code k} set when a word of kind {@code k} occurs in the normalised text. */
    static int of(String normalized) {
        int kinds = 0;
        int start = -1;
        for (int i = 0; i <= normalized.length(); i++) {
            boolean letter = i < normalized.length() && Character.isLetterOrDigit(normalized.charAt(i));
            if (letter && start < 0) {
                start = i;
            }
            else if (!letter && start >= 0) {
                kinds |= kinds(normalized, start, i);
                start = -1;
            }
        }
        return kinds;
    }

    private static int kinds(String text, int from, int to) {
        int kinds = 0;
        int length = to - from;
        for (int k = 0; k < KINDS; k++) {
            for (String prefix : PREFIXES.get(k)) {
                if (length >= prefix.length() && text.startsWith(prefix, from)) {
                    kinds |= 1 << k;
                    break;
                }
            }
            if ((kinds & (1 << k)) == 0) {
                for (String word : EXACT.get(k)) {
                    if (length == word.length() && text.startsWith(word, from)) {
                        kinds |= 1 << k;
                        break;
                    }
                }
            }
        }
        return kinds;
    }
}
