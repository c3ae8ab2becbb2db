package org.supportrag.retrieval.rewrite;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lombok.RequiredArgsConstructor;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.defaults.text.LightStemmer;
import org.supportrag.retrieval.text.Terms;

/**
 * Rewrites without a model. A question that reads like a follow-up (refers back with "it", "that", "they"..., has
 * only a few content words, or names nothing the knowledge base names) gets the salient words of the conversation's
 * last turns appended, whoever wrote them (customer, assistant or agent): the entity a follow-up refers to is often
 * named by the support side. A word weighs more the more recent its turn and the more specific it is to the
 * knowledge base's own names (titles, section paths, metadata values: "wallet" and "void" over "account"). A
 * self-contained question is searched as asked.
 */
@RequiredArgsConstructor
final class OfflineQueryRewriter implements QueryRewriter {

    private static final Pattern REFERS_BACK = Pattern.compile(
            "\\b(it|its|that|this|these|those|they|them|their|there|one|ones|same|else|above|also|instead|he|she|his"
                    + "|her|him)\\b");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** Questions with fewer content words than this are treated as follow-ups. */
    static final int SHORT_QUESTION = 4;

    /** At most this many words are borrowed from the history. */
    static final int MAX_BORROWED = 12;

    /** The last turns words are borrowed from: the exchange the follow-up answers. */
    static final int RECENT_TURNS = 2;

    /** Each turn further back counts this much less. */
    static final double DECAY = 0.8;

    /** A question covering this share of an entity's weight (of two or more terms) names it itself. */
    static final double NAMED_BY_QUESTION = 0.99;

    private final int maxTurns;

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public Rewritten rewrite(String question, List<ConversationTurn> history, KnowledgeBaseEntities entities) {
        return new Rewritten(standalone(question, history, entities), false);
    }

    /** The standalone query without knowledge-base names (every word weighs by recency only). */
    public String standalone(String question, List<ConversationTurn> history) {
        return standalone(question, history, KnowledgeBaseEntities.NONE);
    }

    /** The standalone query; {@code question} itself when the history adds nothing. */
    public String standalone(String question, List<ConversationTurn> history, KnowledgeBaseEntities entities) {
        if (history.isEmpty()) {
            return question;
        }
        Set<String> own = Terms.distinct(question);
        boolean followUp = own.size() < SHORT_QUESTION
                || REFERS_BACK.matcher(question.toLowerCase(Locale.ROOT)).find()
                || !entities.isEmpty() && !namesAnEntity(question, entities);
        if (!followUp) {
            return question;
        }
        // Best score per term, with the word as written; insertion order breaks ties (most recent turn first).
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        int turns = Math.min(RECENT_TURNS, maxTurns);
        List<ConversationTurn> recent = history.subList(Math.max(0, history.size() - turns), history.size());
        for (int age = 0; age < recent.size(); age++) {
            double recency = Math.pow(DECAY, age);
            Matcher words = WORD.matcher(recent.get(recent.size() - 1 - age).text().toLowerCase(Locale.ROOT));
            while (words.find()) {
                String word = words.group();
                if (word.length() < 2 || Terms.isStopWord(word) || REFERS_BACK.matcher(word).matches()) {
                    continue;
                }
                String term = LightStemmer.stem(word);
                if (own.contains(term)) {
                    continue;
                }
                double score = recency * (1 + entities.weight(term));
                Candidate known = candidates.get(term);
                if (known == null || score > known.score()) {
                    candidates.put(term, new Candidate(word, score));
                }
            }
        }
        List<String> borrowed = candidates.values()
            .stream()
            .sorted(Comparator.comparingDouble(Candidate::score).reversed())
            .limit(MAX_BORROWED)
            .map(Candidate::word)
            .toList();
        return borrowed.isEmpty() ? question : question.strip() + " " + String.join(" ", borrowed);
    }

    private record Candidate(String word, double score) {
    }

    private static boolean namesAnEntity(String question, KnowledgeBaseEntities entities) {
        return entities.mentionedIn(question, NAMED_BY_QUESTION)
            .stream()
            .anyMatch(entity -> entity.terms().size() > 1);
    }
}
