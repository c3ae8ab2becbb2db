package org.supportrag.eval.judge;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The LLM judge, prefix {@code rag.eval.judge}: any OpenAI-compatible chat API (like generation's named models).
 * Without a {@code base-url} there is no judge and the deterministic metrics decide alone.
 *
 * @param baseUrl the API root including {@code /v1} (env RAG_EVAL_JUDGE_BASE_URL); unset: no judge
 * @param apiKey the provider's key (env RAG_EVAL_JUDGE_API_KEY)
 * @param model the provider's model name (env RAG_EVAL_JUDGE_MODEL)
 * @param votes judgements per question unless a request asks for another number (majority wins)
 * @param maxVotes the most votes a request may ask for
 * @param timeout the limit of one judge call
 * @param promptPricePerMillion USD per million prompt tokens, for the judge's recorded cost
 * @param completionPricePerMillion USD per million completion tokens
 * @param minLabelled the judge may gate only with at least this many agent-labelled answers judged ...
 * @param minKappa ... and Cohen's kappa against the labels at least this
 * @param dailyBudgetUsd per tenant and UTC day, what online scoring may spend on the judge
 */
@ConfigurationProperties("rag.eval.judge")
record JudgeProperties(@Nullable URI baseUrl, @Nullable String apiKey,
        @DefaultValue("gpt-4o-mini") String model, @DefaultValue("1") int votes, @DefaultValue("7") int maxVotes,
        @DefaultValue("60s") Duration timeout, @DefaultValue("0") double promptPricePerMillion,
        @DefaultValue("0") double completionPricePerMillion, @DefaultValue("50") int minLabelled,
        @DefaultValue("0.6") double minKappa, @DefaultValue("1.0") double dailyBudgetUsd) {

    public JudgeProperties {
        if (votes < 1 || maxVotes < votes) {
            throw new IllegalArgumentException("rag.eval.judge: votes >= 1 and max-votes >= votes");
        }
        if (promptPricePerMillion < 0 || completionPricePerMillion < 0 || dailyBudgetUsd < 0) {
            throw new IllegalArgumentException("rag.eval.judge: prices and budget must not be negative");
        }
    }

    public boolean configured() {
        return baseUrl != null && !baseUrl.toString().isBlank();
    }
}
