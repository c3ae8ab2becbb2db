package org.supportrag.generation.usage;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostsTests {

    @Test
    void pricesPromptAndCompletionTokensPerMillion() {
        // 1,200 prompt tokens at 2.50 USD/M plus 350 completion tokens at 10 USD/M.
        assertThat(Costs.chat(1_200, 350, 2.5, 10)).isEqualByComparingTo("0.0065");
    }

    @Test
    void keepsTinyAmountsToTheNanoDollar() {
        assertThat(Costs.of(1, 0.15)).isEqualByComparingTo("0.00000015");
        assertThat(Costs.of(7, 0.001)).isEqualByComparingTo("0.000000007");
        assertThat(Costs.of(0, 100)).isEqualByComparingTo("0");
    }

    @Test
    void sumsATurnWithRetriesEmbeddingsAndRerankingButNotCacheSavings() {
        List<UsageItem> turn = List.of(
                item(UsageItem.Operation.EMBEDDING, UsageItem.Outcome.OK, 12, 0, "0.00000024"),
                item(UsageItem.Operation.RERANK, UsageItem.Outcome.OK, 900, 0, "0.0009"),
                item(UsageItem.Operation.CHAT, UsageItem.Outcome.INTERRUPTED, 1_000, 40, "0.0026"),
                item(UsageItem.Operation.CHAT, UsageItem.Outcome.FAILED, 0, 0, "0"),
                item(UsageItem.Operation.CHAT, UsageItem.Outcome.OK, 1_000, 200, "0.0007"),
                item(UsageItem.Operation.CACHE_SAVED, UsageItem.Outcome.OK, 1_000, 200, "0.5"));

        assertThat(Costs.spent(turn)).isEqualByComparingTo("0.00420024");
        // Token budgets count LLM tokens only: both chat calls, not the embedding, reranking or cache savings.
        assertThat(Costs.tokens(turn)).isEqualTo(2_240);
    }

    private static UsageItem item(UsageItem.Operation operation, UsageItem.Outcome outcome, int prompt,
            int completion, String cost) {
        return new UsageItem(operation, "m", "m", outcome, prompt, completion, new BigDecimal(cost));
    }
}
