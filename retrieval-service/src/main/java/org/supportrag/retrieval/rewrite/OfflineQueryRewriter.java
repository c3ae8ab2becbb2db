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

    /** The last topical turns words are borrowed from: the exchange the follow-up answers. */
    static final int RECENT_TURNS = 2;

    /** A turn is topical when it uses this many distinct words of the knowledge base's names. */
    static final int TOPICAL_TERMS = 2;

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
        List<ConversationTurn> recent = topicalTurns(history, entities);
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

    /**
     * The conversation leg's query: the exchange the follow-up refers to ({@link #topicalTurns}) and the question,
     * verbatim. It keeps what the borrowed words lose (phrases, words the knowledge base does not name) and is
     * immune to a word budget filled with courtesies.
     */
    @Override
    public String conversational(String question, List<ConversationTurn> history, KnowledgeBaseEntities entities) {
        StringBuilder text = new StringBuilder();
        for (ConversationTurn turn : topicalTurns(history, entities)) {
            text.append(turn.text().strip()).append('\n');
        }
        return text.append(question.strip()).toString();
    }

    private record Candidate(String word, double score) {
    }

    /**
     * The exchange a follow-up refers to: the last {@value #RECENT_TURNS} turns up to the latest topical one, looking
     * back at most {@code maxTurns} turns. A polite exchange after the topic ("ok thanks" / "of course, go ahead")
     * names nothing and must not push the topic out of reach. Without a topical turn (or without names), the last
     * turns as they are.
     */
    public List<ConversationTurn> topicalTurns(List<ConversationTurn> history, KnowledgeBaseEntities entities) {
        int wanted = Math.min(RECENT_TURNS, maxTurns);
        int end = history.size();
        if (!entities.isEmpty()) {
            int first = Math.max(0, history.size() - maxTurns);
            int latest = history.size() - 1;
            while (latest >= first && !topical(history.get(latest), entities)) {
                latest--;
            }
            if (latest >= first) {
                end = latest + 1;
            }
        }
        return history.subList(Math.max(0, end - wanted), end);
    }

    /**
     * Whether a turn is about something: it uses {@value #TOPICAL_TERMS} or more distinct words of the knowledge
     * base's names, or is mostly such words ("UPS"). "Of course, go ahead" shares one word with a heading ("Where to
     * go next") and is not.
     */
    private static boolean topical(ConversationTurn turn, KnowledgeBaseEntities entities) {
        Set<String> words = Terms.distinct(turn.text());
        long named = words.stream().filter(entities::names).count();
        return named >= TOPICAL_TERMS || named > 0 && 2 * named >= words.size();
    }

    private static boolean namesAnEntity(String question, KnowledgeBaseEntities entities) {
        return entities.mentionedIn(question, NAMED_BY_QUESTION)
            .stream()
            .anyMatch(entity -> entity.terms().size() > 1);
    }
}
