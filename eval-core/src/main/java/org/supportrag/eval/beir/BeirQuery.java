package org.supportrag.eval.beir;

import java.util.List;

/**
 * One line of {@code queries.jsonl}.
 *
 * @param context earlier turns of the conversation, oldest first ({@code metadata.context}); empty for single-turn
 */
public record BeirQuery(String id, String text, List<Turn> context) {

    public BeirQuery {
        context = List.copyOf(context);
    }

    /**
     * An earlier turn.
     *
     * @param speaker {@code U} (user) or {@code S} (system), as in the dataset
     */
    public record Turn(String speaker, String text) {
    }
}
