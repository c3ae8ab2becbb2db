package org.supportrag.retrieval.rewrite;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.retrieval.text.Terms;

/**
 * Rewrites without a model: a question that reads like a follow-up (refers back with "it", "that", "they"... or has
 * only a few content words) gets the content words of the latest earlier user turns appended, the most recent first,
 * the words it already has skipped. A self-contained question is searched as asked.
 */
public final class OfflineQueryRewriter implements QueryRewriter {

    private static final Pattern REFERS_BACK = Pattern.compile(
            "\\b(it|its|that|this|these|those|they|them|their|there|one|ones|same|else|above|also|instead)\\b");

    /** Questions with fewer content words than this are treated as follow-ups. */
    static final int SHORT_QUESTION = 4;

    /** At most this many words are borrowed from the history. */
    static final int MAX_BORROWED = 12;

    private final int maxTurns;

    public OfflineQueryRewriter(int maxTurns) {
        this.maxTurns = maxTurns;
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public Rewritten rewrite(String question, List<ConversationTurn> history) {
        return new Rewritten(standalone(question, history), false);
    }

    /** The standalone query; {@code question} itself when the history adds nothing. */
    public String standalone(String question, List<ConversationTurn> history) {
        if (history.isEmpty()) {
            return question;
        }
        Set<String> own = Terms.distinct(question);
        boolean followUp = own.size() < SHORT_QUESTION
                || REFERS_BACK.matcher(question.toLowerCase(Locale.ROOT)).find();
        if (!followUp) {
            return question;
        }
        Set<String> borrowed = new LinkedHashSet<>();
        List<ConversationTurn> recent = history.subList(Math.max(0, history.size() - maxTurns), history.size());
        for (int i = recent.size() - 1; i >= 0 && borrowed.size() < MAX_BORROWED; i--) {
            ConversationTurn turn = recent.get(i);
            if (!turn.fromUser()) {
                continue;
            }
            for (String word : turn.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (word.length() > 1 && !Terms.isStopWord(word) && !own.contains(word)
                        && !REFERS_BACK.matcher(word).matches() && borrowed.size() < MAX_BORROWED) {
                    borrowed.add(word);
                }
            }
        }
        return borrowed.isEmpty() ? question : question.strip() + " " + String.join(" ", borrowed);
    }
}
