package org.supportrag.generation.guardrail;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises prompt injection: text that tries to override the assistant's rules, change its role or extract its
 * instructions. Typed by a customer it is direct; planted in a help-center document it is indirect. The trained
 * classifier ({@link InjectionModel}: character and word n-grams, multilingual, on de-obfuscated text) decides,
 * with its own threshold for typed messages and for retrieved chunks; the patterns below catch the canonical
 * English forms in addition.
 */
final class InjectionDetector {

    private static final List<Pattern> DIRECT = compile(
            "\\b(ignore|disregard|forget|skip|override|bypass)\\b.{0,40}\\b(previous|prior|above|earlier|preceding|"
                    + "all|any|your|the|these|those|system)\\b.{0,30}\\b(instructions?|rules?|prompts?|directives?|"
                    + "guidelines?|guardrails?|restrictions?|constraints?|context)\\b",
            "\\b(reveal|show|print|repeat|output|display|tell me|leak|dump|spell out)\\b.{0,40}\\b(system prompt|"
                    + "(your|hidden|initial|original|secret) (instructions|prompt|rules|guidelines))\\b",
            "\\bwhat (is|are|were) (your|the) (system prompt|(initial |original |hidden )?instructions)\\b",
            "\\byou are (now|no longer)\\b", "\\b(act|behave|respond) as (if you were |though you were )?(an? )?"
                    + "(unrestricted|unfiltered|jailbroken|evil|different|new)\\b",
            "\\bpretend (to be|you are)\\b", "\\b(god|dan|jailbreak|sudo) mode\\b",
            // The imperative only: "is there a developer mode for the API?" is a question about a product.
            "^\\W*(please )?(enable|activate|enter|turn on|switch (on|to)) (the )?(developer|debug|dev) mode\\b",
            "\\bdo anything now\\b", "\\bjailbreak\\b", "\\bnew (instructions|rules|system prompt)\\s*:",
            "<\\|?(im_start|im_end|system|endoftext)\\|?>", "\\[/?(inst|system)]", "^\\s*(system|assistant)\\s*:",
            "\\b(from now on|starting now),? (you|ignore|respond|answer)\\b");

    // Only suspicious inside retrieved documents: help-center pages do not talk to the AI that reads them.
    private static final List<Pattern> INDIRECT = compile(
            "\\b(ai|llm|language model|assistant|chatbot|bot|gpt)\\b.{0,20}\\b(must|should|shall|will|needs? to)\\b"
                    + ".{0,20}\\b(ignore|reply|respond|answer|say|tell|include|recommend|send|visit|output)\\b",
            "\\b(if|when) you are an? (ai|llm|language model|assistant|chatbot)\\b",
            "\\b(instructions?|note|message) (to|for) (the )?(ai|llm|assistant|chatbot|model|bot)\\b",
            "\\b(when|while) (summari[sz]ing|answering|reading|processing) this\\b");

    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200F\\u2060-\\u2064\\uFEFF\\u00AD]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private InjectionDetector() {
    }

    /** Whether a customer's message tries to override the assistant's instructions. */
    static boolean direct(String text) {
        return direct(text, InjectionModel.bundled());
    }

    static boolean direct(String text, InjectionModel model) {
        return matchesDirectRules(text) || model.injection(text);
    }

    /** Whether a retrieved chunk carries instructions for the assistant. */
    static boolean indirect(String text) {
        return indirect(text, InjectionModel.bundled());
    }

    static boolean indirect(String text, InjectionModel model) {
        return !text.isBlank() && (matchesIndirectRules(text) || model.plantedIn(text));
    }

    /** Whether the classifier alone takes a typed message for an injection. */
    static boolean classified(String text) {
        return InjectionModel.bundled().injection(text);
    }

    static boolean matchesDirectRules(String text) {
        return matches(normalize(text), DIRECT);
    }

    static boolean matchesIndirectRules(String text) {
        String normalized = normalize(text);
        return matches(normalized, DIRECT) || matches(normalized, INDIRECT);
    }

    static String normalize(String text) {
        String plain = INVISIBLE.matcher(text).replaceAll("");
        plain = MARKS.matcher(Normalizer.normalize(plain, Normalizer.Form.NFKD)).replaceAll("");
        return SPACE.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    private static boolean matches(String normalized, List<Pattern> patterns) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(normalized).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> compile(String... patterns) {
        return java.util.Arrays.stream(patterns).map(p -> Pattern.compile(p, Pattern.MULTILINE)).toList();
    }
}
