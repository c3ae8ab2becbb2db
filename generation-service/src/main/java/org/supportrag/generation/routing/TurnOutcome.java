package org.supportrag.generation.routing;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.supportrag.generation.answer.Answer;
import org.supportrag.generation.usage.UsageItem;

/**
 * The result of the model chain for one turn.
 *
 * @param answer the complete answer as streamed (text includes any interrupted part and its bridge); token counts
 *               and cost are the turn's totals over every attempt
 * @param escalationReason non-null when the turn must be handed to a person, e.g. {@value #ALL_MODELS_FAILED}
 * @param modelName the configured model that wrote the final answer ({@code primary}, ...), or null offline
 * @param attempts the models tried, in order, with how each attempt ended
 * @param usage every billable item of the turn (embedding, rerank, each chat attempt)
 * @param costUsd the turn's total cost
 * @param firstTokenMillis time from the start of the chain to the first streamed token, -1 if none
 * @param generationMillis time spent in the chain
 */
public record TurnOutcome(Answer answer, @Nullable String escalationReason, @Nullable String modelName,
        List<String> attempts, List<UsageItem> usage, BigDecimal costUsd, long firstTokenMillis,
        long generationMillis) {

    /** Every model failed and the extractive answerer found nothing: a person has to answer. */
    public static final String ALL_MODELS_FAILED = "all_models_failed";

    public TurnOutcome {
        attempts = List.copyOf(attempts);
        usage = List.copyOf(usage);
    }

    public boolean escalate() {
        return escalationReason != null;
    }
}
