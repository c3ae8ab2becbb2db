package org.supportrag.generation.routing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import lombok.RequiredArgsConstructor;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.model.LlmModel;
import org.supportrag.generation.usage.Costs;
import org.supportrag.generation.usage.UsageItem;
import org.supportrag.generation.usage.UsageProperties;

/** Prices what a turn uses: the query embedding, reranking, and each model call at that model's prices. */
@RequiredArgsConstructor
final class TurnPricing {

    static final String EMBEDDING_MODEL = "query-embedding";
    static final String RERANK_MODEL = "rerank";

    private final TokenCounter tokens;
    private final UsageProperties prices;

    UsageItem chat(LlmModel model, UsageItem.Outcome outcome, int promptTokens, int completionTokens) {
        return new UsageItem(UsageItem.Operation.CHAT, model.name(), model.requestModel(), outcome, promptTokens,
                completionTokens, Costs.chat(promptTokens, completionTokens, model.settings().promptPricePerMillion(),
                        model.settings().completionPricePerMillion()));
    }

    /**
     * What one model call of the turn may cost at most: its prompt (question and context; the instructions are
     * covered by {@code completionTokens}' margin) and {@code completionTokens}, at the priciest of {@code models}.
     */
    Estimate estimate(Question question, List<LlmModel> models, int completionTokens) {
        int promptTokens = tokens.count(question.text());
        for (SearchHit hit : question.context()) {
            promptTokens += tokens.count(hit.text());
        }
        BigDecimal cost = BigDecimal.ZERO;
        for (LlmModel model : models) {
            cost = cost.max(chat(model, UsageItem.Outcome.OK, promptTokens, completionTokens).costUsd());
        }
        return new Estimate(promptTokens + completionTokens, cost);
    }

    record Estimate(long tokens, BigDecimal costUsd) {
    }

    /** The query embedding and, when priced, reranking of the retrieved candidates. */
    List<UsageItem> retrieval(Question question) {
        List<UsageItem> items = new ArrayList<>();
        int queryTokens = tokens.count(question.text());
        items.add(new UsageItem(UsageItem.Operation.EMBEDDING, EMBEDDING_MODEL, EMBEDDING_MODEL, UsageItem.Outcome.OK,
                queryTokens, 0, Costs.of(queryTokens, prices.embeddingPricePerMillion())));
        if (prices.rerankPricePerMillion() > 0 && !question.context().isEmpty()) {
            int rerankTokens = 0;
            for (SearchHit hit : question.context()) {
                rerankTokens += queryTokens + tokens.count(hit.text());
            }
            items.add(new UsageItem(UsageItem.Operation.RERANK, RERANK_MODEL, RERANK_MODEL, UsageItem.Outcome.OK,
                    rerankTokens, 0, Costs.of(rerankTokens, prices.rerankPricePerMillion())));
        }
        return items;
    }
}
