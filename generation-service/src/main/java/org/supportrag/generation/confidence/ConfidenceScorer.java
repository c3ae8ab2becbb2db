package org.supportrag.generation.confidence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.guardrail.GuardrailFlags;

/**
 * Scores an answer, then applies the tenant's thresholds. With the question known, the score is the calibrated
 * {@link Answerability} of the answer (see {@link #assess(Thresholds, String, double, List, String, List)});
 * without it, the older blend of retrieval evidence, groundedness and guardrail signals. Groundedness is lexical: for each answer sentence, the share of its content words (stop words out,
 * crude stemming) found in the chunks the sentence cites; an uncited sentence counts half against all chunks, and
 * parenthesised asides do not count.
 */
@Component
public class ConfidenceScorer {

    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+(?:[.!?]+[\"')\\]]*(?:\\s?\\[[\\d,\\s]+])*|$)");
    private static final Pattern ASIDE = Pattern.compile("\\([^()]*\\)");
    private static final int MIN_CONTENT_WORDS = 2;
    private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "but", "if", "of", "to", "in",
            "on", "at", "for", "by", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it",
            "its", "this", "that", "these", "those", "you", "your", "yours", "we", "our", "ours", "us", "i", "me",
            "my", "they", "them", "their", "he", "she", "his", "her", "can", "could", "will", "would", "should",
            "may", "might", "must", "do", "does", "did", "have", "has", "had", "not", "no", "so", "than", "then",
            "there", "here", "what", "which", "who", "when", "where", "how", "why", "all", "any", "some", "also",
            "just", "about", "into", "out", "up", "down", "over", "after", "before", "more", "most", "very", "too",
            "please", "yes", "get", "go", "goes", "back");

    /** An answer that says it does not know (en, de); the extractive answerer's own wording matches. */
    static final Pattern DECLINE = Pattern.compile("\\b(?:I )?(?:don't|do not|didn't|did not) know\\b"
            + "|\\bcouldn't find\\b|\\bcould not find\\b|\\bno information (?:about|on)\\b"
            + "|\\bweiß (?:ich )?(?:das )?nicht\\b|\\bkeine Antwort\\b|\\bnicht finden\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Reported confidence of a decline stays below this: the answer says it does not know. */
    static final double DECLINED_CEILING = 0.49;
    /** Groundedness from which an answer counts as fully supported by its citations. */
    static final double SUPPORTED = 0.5;

    private final ConfidenceProperties properties;
    private final @Nullable Answerability answerability;

    public ConfidenceScorer(ConfidenceProperties properties) {
        this(properties, null);
    }

    @Autowired
    public ConfidenceScorer(ConfidenceProperties properties, @Nullable Answerability answerability) {
        this.properties = properties;
        this.answerability = answerability;
    }

    /**
     * Scores an answer to {@code question}: the calibrated {@link Answerability} probability, lowered when the
     * answer's sentences are not supported by what they cite and by guardrail signals. An answer that says it does
     * not know (a decline) keeps the answerer's own estimate ({@code answererConfidence}, below 0.5) and is given
     * as is unless it falls below the tenant's escalation threshold.
     *
     * @param answererConfidence the answerer's own confidence ({@code Answer#confidence()})
     */
    public Assessment assess(Thresholds policy, @Nullable String question, double answererConfidence,
            List<SearchHit> context, String answer, List<String> flags) {
        return assess(policy, Calibration.EXTRACTIVE, question, answererConfidence, context, answer, flags);
    }

    /**
     * Scores an answer with the answerability model of its answerer's kind ({@code Answer#calibration()}); an
     * answer of a kind no model was fitted for ({@link Calibration#NONE}), or without its question, is scored on its
     * evidence ({@link #assess(Thresholds, List, String, List)}).
     */
    public Assessment assess(Thresholds policy, Calibration calibration, @Nullable String question,
            double answererConfidence, List<SearchHit> context, String answer, List<String> flags) {
        return assess(policy, calibration, question, answererConfidence, context, List.of(), answer, flags);
    }

    /** As above, knowing which searched words the knowledge base contains ({@code queryTerms}, empty: unknown). */
    public Assessment assess(Thresholds policy, Calibration calibration, @Nullable String question,
            double answererConfidence, List<SearchHit> context, List<QueryTerm> queryTerms, String answer,
            List<String> flags) {
        if (question == null || answerability == null || answerability.calibration() != calibration) {
            return assess(policy, context, answer, flags);
        }
        // HashSet: the mean of the cited scores adds them in the same order as ever.
        Set<Integer> cited = new HashSet<>(Citations.cited(answer, context.size()));
        double retrieval = retrieval(context, cited);
        double groundedness = groundedness(answer, context);
        double guardrail = guardrailFactor(flags);
        boolean declined = cited.isEmpty() && DECLINE.matcher(answer).find();
        double probability;
        double combined;
        Assessment.Decision decision;
        if (declined) {
            probability = Math.min(clamp(answererConfidence), DECLINED_CEILING);
            combined = round(probability * guardrail);
            decision = combined < policy.escalateBelow() ? Assessment.Decision.ESCALATE : Assessment.Decision.ANSWER;
        }
        else {
            probability = answerability.estimate(question, context, answer, queryTerms).probability();
            double support = Math.min(1, groundedness / SUPPORTED);
            combined = round(probability * support * guardrail);
            decision = decide(policy, combined);
        }
        return new Assessment(round(retrieval), round(groundedness), round(guardrail), combined, decision,
                round(probability), declined);
    }

    /**
     * @param context the chunks the answer could cite, in citation order
     * @param answer the answer text as the customer received it (before any caveat)
     * @param flags signals of the turn (guardrails and answerer)
     */
    public Assessment assess(Thresholds policy, List<SearchHit> context, String answer, List<String> flags) {
        double retrieval = retrieval(context, new HashSet<>(Citations.cited(answer, context.size())));
        double groundedness = groundedness(answer, context);
        double guardrail = guardrailFactor(flags);
        double combined = round((properties.retrievalWeight() * retrieval
                + (1 - properties.retrievalWeight()) * groundedness) * guardrail);
        Assessment.Decision decision = combined < policy.escalateBelow() ? Assessment.Decision.ESCALATE
                : combined < policy.caveatBelow() ? Assessment.Decision.CAVEAT : Assessment.Decision.ANSWER;
        return new Assessment(round(retrieval), round(groundedness), round(guardrail), combined, decision);
    }

    /** Applies the thresholds to an already known score (e.g. of a turn that never reached the answerer). */
    public Assessment.Decision decide(Thresholds policy, double combined) {
        return combined < policy.escalateBelow() ? Assessment.Decision.ESCALATE
                : combined < policy.caveatBelow() ? Assessment.Decision.CAVEAT : Assessment.Decision.ANSWER;
    }

    static double retrieval(List<SearchHit> context, Set<Integer> cited) {
        if (context.isEmpty()) {
            return 0;
        }
        double top = clamp(context.getFirst().score());
        double citedMean = cited.stream().mapToDouble(index -> clamp(context.get(index - 1).score())).average()
            .orElse(0);
        // Agreement: how many of the best three chunks score close to the best one.
        int considered = Math.min(3, context.size());
        long close = context.subList(0, considered).stream().filter(hit -> clamp(hit.score()) >= top - 0.1).count();
        double agreement = (double) close / 3;
        return clamp(0.5 * top + 0.3 * citedMean + 0.2 * agreement);
    }

    static double groundedness(String answer, List<SearchHit> context) {
        if (context.isEmpty()) {
            return 0;
        }
        List<Set<String>> chunkWords = new ArrayList<>(context.size());
        Set<String> allWords = new HashSet<>();
        for (SearchHit hit : context) {
            Set<String> words = contentWords(hit.title() + " " + hit.text());
            chunkWords.add(words);
            allWords.addAll(words);
        }
        double supported = 0;
        int total = 0;
        // Parenthesised asides ("(Sorry, that answer was interrupted...)") are not claims about the help center.
        Matcher sentence = SENTENCE.matcher(ASIDE.matcher(answer).replaceAll(" "));
        while (sentence.find()) {
            String text = sentence.group();
            Set<String> words = contentWords(Citations.MARKER.matcher(text).replaceAll(" "));
            if (words.size() < MIN_CONTENT_WORDS) {
                continue;
            }
            Set<Integer> cites = Citations.cited(text, context.size());
            Set<String> support = new HashSet<>();
            cites.forEach(index -> support.addAll(chunkWords.get(index - 1)));
            double weight = 1;
            if (cites.isEmpty()) {
                support.addAll(allWords);
                weight = 0.5;
            }
            long found = words.stream().filter(support::contains).count();
            supported += weight * found;
            total += words.size();
        }
        return total == 0 ? 0 : clamp(supported / total);
    }

    static double guardrailFactor(List<String> flags) {
        double factor = 1;
        for (String flag : flags) {
            factor *= switch (flag) {
                case GuardrailFlags.BANNED_TOPIC, GuardrailFlags.SYSTEM_PROMPT_LEAK -> 0;
                case GuardrailFlags.PROMPT_INJECTION, GuardrailFlags.INVALID_CITATION -> 0.8;
                // A broken-off stream was completed by the next model or closed politely; groundedness judges the
                // text itself, so a fallback as such costs nothing.
                case "llm_interrupted" -> 0.85;
                default -> 1;
            };
        }
        return factor;
    }

    /** Stemmed content words by the scorer's own stop list, not Terms' (another list would move its scores). */
    static Set<String> contentWords(String text) {
        return Terms.stems(text, STOP, new HashSet<>());
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    private static double round(double value) {
        return Math.round(clamp(value) * 1000) / 1000.0;
    }
}
