package org.supportrag.retrieval.rewrite;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.retrieval.text.Terms;

/**
 * Rewrites without a model. A question that reads like a follow-up (refers back with "it", "that", "they"..., has
 * only a few content words, or names nothing the knowledge base names) gets the entities the conversation named
 * appended: the knowledge base's own titles, section-path parts and metadata values that the earlier turns mention,
 * whoever mentioned them (customer, assistant or agent), the most recent first. When the turns name no entity, the
 * content words of the latest turns that the knowledge base's names use are borrowed instead. A self-contained
 * question is searched as asked.
 */
public final class OfflineQueryRewriter implements QueryRewriter {

    private static final Pattern REFERS_BACK = Pattern.compile(
            "\\b(it|its|that|this|these|those|they|them|their|there|one|ones|same|else|above|also|instead)\\b");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** Questions with fewer content words than this are treated as follow-ups. */
    static final int SHORT_QUESTION = 4;

    /** At most this many words are borrowed from the history. */
    static final int MAX_BORROWED = 12;

    /** An entity counts as mentioned when a turn covers this share of its term weight. */
    static final double MENTIONED = 0.99;

    /** A question covering this share of an entity's weight names it itself. */
    static final double NAMED_BY_QUESTION = 0.99;

    private final int maxTurns;

    public OfflineQueryRewriter(int maxTurns) {
        this.maxTurns = maxTurns;
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public Rewritten rewrite(String question, List<ConversationTurn> history, KnowledgeBaseEntities entities) {
        return new Rewritten(standalone(question, history, entities), false);
    }

    /** The standalone query without knowledge-base entities (content words of the latest turns). */
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
                || !entities.isEmpty() && entities.mentionedIn(question, NAMED_BY_QUESTION).isEmpty();
        if (!followUp) {
            return question;
        }
        Set<String> borrowed = new LinkedHashSet<>();
        Set<String> borrowedTerms = new LinkedHashSet<>(own);
        List<ConversationTurn> recent = history.subList(Math.max(0, history.size() - maxTurns), history.size());
        for (int i = recent.size() - 1; i >= 0 && borrowed.size() < MAX_BORROWED; i--) {
            String text = recent.get(i).text();
            for (KnowledgeBaseEntities.Entity entity : entities.mentionedIn(text, MENTIONED)) {
                borrow(entity.text(), borrowed, borrowedTerms, entities, false);
            }
        }
        if (borrowed.isEmpty()) {
            for (int i = recent.size() - 1; i >= 0 && borrowed.size() < MAX_BORROWED; i--) {
                borrow(recent.get(i).text(), borrowed, borrowedTerms, entities, !entities.isEmpty());
            }
        }
        return borrowed.isEmpty() ? question : question.strip() + " " + String.join(" ", borrowed);
    }

    /** Adds the words of {@code text} whose terms the query lacks; only the entities' words when so asked. */
    private static void borrow(String text, Set<String> borrowed, Set<String> terms, KnowledgeBaseEntities entities,
            boolean namedOnly) {
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find() && borrowed.size() < MAX_BORROWED) {
            String word = matcher.group();
            if (word.length() < 2 || Terms.isStopWord(word) || REFERS_BACK.matcher(word).matches()) {
                continue;
            }
            String term = Terms.distinct(word).stream().findFirst().orElse(word);
            if (namedOnly && !entities.names(term)) {
                continue;
            }
            if (terms.add(term)) {
                borrowed.add(word);
            }
        }
    }
}
